using System.Globalization;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>The event's dates as printed, for example "February 9 and 10, 2021".</summary>
public sealed record EventDates(DateOnly Start, DateOnly End)
{
    /// <summary>"2029-05-08 to 2029-05-09", or one date.</summary>
    public override string ToString() => Start == End ? $"{Start:yyyy-MM-dd}" : $"{Start:yyyy-MM-dd} to {End:yyyy-MM-dd}";
}

/// <summary>
/// Dates as a sentence or list prints them, with or without a year: "February 9 and 10, 2021", "May 8-9",
/// "3-4 March 2027", "May 31 – June 1, 2029".
/// </summary>
/// <param name="Text">The words that give the dates, as written.</param>
public sealed record PrintedDates(string Text, int StartMonth, int StartDay, int EndMonth, int EndDay, int? Year)
{
    /// <summary>The dates in <paramref name="year"/>; null when they do not exist in it or end before they start.</summary>
    public EventDates? In(int year)
    {
        if (StartDay > DateTime.DaysInMonth(year, StartMonth) || EndDay > DateTime.DaysInMonth(year, EndMonth))
        {
            return null;
        }

        var dates = new EventDates(new DateOnly(year, StartMonth, StartDay), new DateOnly(year, EndMonth, EndDay));
        return dates.End < dates.Start ? null : dates;
    }

    /// <summary>True when these dates name the same days of the year as <paramref name="dates"/>, and the same year if they print one.</summary>
    public bool Agrees(EventDates dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return In(dates.Start.Year) == dates && (Year is null || Year == dates.Start.Year);
    }
}

/// <summary>Daily hours as printed, for example "14:00 – 19:00 UTC (09:00–14:00 EST, 15:00–20:00 CET)".</summary>
public sealed record DailyHours(string Zone, TimeOnly Start, TimeOnly End, IReadOnlyList<LocalHoursContent> LocalHours);

/// <summary>A time range as printed, for example "14:30-1455".</summary>
public sealed record TimeRange(TimeOnly Start, TimeOnly End);

/// <summary>Reads the dates, times and short day labels that programme pages print.</summary>
public static partial class ScheduleText
{
    private static readonly DateTimeFormatInfo English = CultureInfo.InvariantCulture.DateTimeFormat;

    /// <summary>The zone abbreviations summit pages print, with their offsets from UTC.</summary>
    private static readonly Dictionary<string, TimeSpan> ZoneOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["BST"] = TimeSpan.FromHours(1), ["CET"] = TimeSpan.FromHours(1), ["WEST"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2), ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0), ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4), ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6), ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9), ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
    };

    /// <summary>The first dates with a year in <paramref name="text"/>: "February 9 and 10, 2021", "March 3-4, 2027", "9 February 2021".</summary>
    public static EventDates? FindDates(string text) =>
        FindPrintedDates(text).Where(dates => dates.Year is not null).Select(dates => dates.In(dates.Year!.Value)).FirstOrDefault(dates => dates is not null);

    /// <summary>
    /// Every run of dates in <paramref name="text"/>, with or without a year, month first or day first, within one
    /// month or across two; emphasis is ignored ("Dates: **May 21 and 22**, 2029").
    /// </summary>
    public static IReadOnlyList<PrintedDates> FindPrintedDates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PrintedDates>();
        foreach (Match match in DatesPattern().Matches(WithoutEmphasis(text)))
        {
            var month = Month(match.Groups["month"].Value)!.Value;
            var endMonth = match.Groups["endMonth"].Success ? Month(match.Groups["endMonth"].Value)!.Value : month;
            var first = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
            var last = match.Groups["last"].Success ? int.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture) : first;
            int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            var dates = new PrintedDates(match.Value.Trim(), month, first, endMonth, last, year);
            // A day beyond any month's length ("May 42") is no date; the leap year admits February 29.
            if (dates.In(year ?? 2000) is not null)
            {
                found.Add(dates);
            }
        }

        return found;
    }

    /// <summary>The first time range with a zone in <paramref name="text"/>, and the ranges in other zones after it.</summary>
    public static DailyHours? FindHours(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = HoursPattern().Matches(text);
        if (ranges.Count == 0)
        {
            return null;
        }

        var local = ranges.Skip(1)
            .Select(range => new LocalHoursContent(range.Groups["zone"].Value, Time(range.Groups["start"].Value), Time(range.Groups["end"].Value)))
            .ToList();
        var main = ranges[0];
        return new DailyHours(main.Groups["zone"].Value, Time(main.Groups["start"].Value), Time(main.Groups["end"].Value), local);
    }

    /// <summary>
    /// A programme table's day label such as "9/Feb" or "10/February", or any form a day heading takes ("Mar 10",
    /// "10 March", "Wed 10 March": see <see cref="ParseDayHeading"/>), in the event's year; null when a weekday it
    /// names is not the date's.
    /// </summary>
    public static DateOnly? ParseDayLabel(string label, int year)
    {
        ArgumentNullException.ThrowIfNull(label);
        var match = DayLabelPattern().Match(label.Trim());
        if (!match.Success || Month(match.Groups["month"].Value) is not { } month)
        {
            // A weekday that disagrees with the date leaves the day in doubt.
            return ParseDayHeading(label, year) is { } heading && (heading.Weekday is null || heading.Weekday == heading.Date.DayOfWeek) ? heading.Date : null;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>
    /// A day heading such as "Wednesday, March 3", "Monday, May 21" or "April 12", in the event's year,
    /// with the weekday it prints (null when it prints none).
    /// </summary>
    public static (DateOnly Date, DayOfWeek? Weekday)? ParseDayHeading(string heading, int year)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var match = DayHeadingPattern().Match(WithoutEmphasis(heading).Trim());
        if (!match.Success || Month(match.Groups["month"].Value) is not { } month)
        {
            return null;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        DayOfWeek? weekday = null;
        if (match.Groups["weekday"].Success)
        {
            // "Thursday", "Thu", "Thurs": a day's name or its start.
            var printed = match.Groups["weekday"].Value;
            var index = Array.FindIndex(English.DayNames, name => name.StartsWith(printed, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            weekday = (DayOfWeek)index;
        }

        return (new DateOnly(year, month, day), weekday);
    }

    /// <summary>
    /// A clock time as programmes print it, for regular expressions: "13:00", "1300", "13.00", or on the 12-hour clock
    /// "1pm", "1:30 PM", "1.30 p.m.". The 12-hour form comes first, so that "1:30 pm" is not read as "1:30".
    /// </summary>
    public const string ClockText = @"(?:\d{1,2}(?:[:.]\d{2})?\s*[AaPp]\.?[Mm]\b\.?|\d{1,2}[:.]\d{2}|\d{4})";

    /// <summary>
    /// A time range as programmes print it, for regular expressions: two clock times in any of the forms
    /// <see cref="ParseTime"/> reads (<see cref="ClockText"/>), joined by a dash or "to", perhaps followed by UTC.
    /// </summary>
    public const string TimeRangeText = ClockText + @"\s*(?:[-–—]|to)\s*" + ClockText + @"(?:\s*(?:UTC|GMT))?";

    /// <summary>A clock time such as "14:00", "9:30", "1400", "14.00", "2pm" or "2:30 PM".</summary>
    public static TimeOnly? ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TwelveHourClock().Match(text.Trim()) is { Success: true } twelve)
        {
            var hour = int.Parse(twelve.Groups["hour"].Value, CultureInfo.InvariantCulture);
            var minute = twelve.Groups["minute"].Success ? int.Parse(twelve.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
            var afternoon = char.ToUpperInvariant(twelve.Groups["half"].Value[0]) == 'P';
            return hour is >= 1 and <= 12 && minute < 60 ? new TimeOnly(hour % 12 + (afternoon ? 12 : 0), minute) : null;
        }

        return TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm", "HHmm", "H.mm", "HH.mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
    }

    /// <summary>A time range in any mix of the forms <see cref="ParseTime"/> reads: "1300-1325", "14:30-1455", "15:30 – 15:55".</summary>
    public static TimeRange? ParseTimeRange(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = TimeRangePattern().Match(text.Trim());
        return match.Success && match.Length == text.Trim().Length
            && ParseTime(match.Groups["start"].Value) is { } start && ParseTime(match.Groups["end"].Value) is { } end
            ? new TimeRange(start, end)
            : null;
    }

    /// <summary>The offset from UTC of a zone abbreviation such as "EST" or "CEST"; null for one this reader does not know.</summary>
    public static TimeSpan? ZoneOffset(string abbreviation) =>
        ZoneOffsets.TryGetValue(abbreviation, out var offset) ? offset : null;

    /// <summary>A UTC time of day in a zone with the given offset.</summary>
    public static TimeOnly ToZone(TimeOnly utc, TimeSpan offset) => utc.Add(offset);

    /// <summary>The "14:00 – 19:00 UTC (09:00–14:00 EST, 15:00–20:00 CET)" form that <see cref="FindHours"/> reads.</summary>
    public static string FormatHours(string zone, TimeOnly start, TimeOnly end, IEnumerable<LocalHoursContent> localHours)
    {
        ArgumentNullException.ThrowIfNull(localHours);
        var local = localHours.Select(hours => $"{Clock(hours.DailyStart)}–{Clock(hours.DailyEnd)} {hours.Zone}").ToList();
        var main = $"{Clock(start)} – {Clock(end)} {zone}";
        return local.Count == 0 ? main : $"{main} ({string.Join(", ", local)})";
    }

    /// <summary>The "February 9 and 10, 2021" form that <see cref="FindDates"/> reads (dates of one month).</summary>
    public static string FormatDates(DateOnly start, DateOnly end)
    {
        var month = English.MonthNames[start.Month - 1];
        return (end.DayNumber - start.DayNumber) switch
        {
            0 => $"{month} {start.Day}, {start.Year}",
            1 => $"{month} {start.Day} and {end.Day}, {start.Year}",
            _ => $"{month} {start.Day}-{end.Day}, {start.Year}",
        };
    }

    /// <summary>The "9/Feb" form that <see cref="ParseDayLabel"/> reads.</summary>
    public static string FormatDayLabel(DateOnly date) =>
        $"{date.Day}/{English.AbbreviatedMonthNames[date.Month - 1]}";

    /// <summary>A time of day as "14:00".</summary>
    public static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string WithoutEmphasis(string text) => text.Replace("*", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    private static TimeOnly Time(string text) => ParseTime(text) ?? throw new FormatException($"'{text}' is not a time of day.");

    private static int? Month(string name)
    {
        for (var index = 0; index < 12; index++)
        {
            if (string.Equals(name, English.MonthNames[index], StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, English.AbbreviatedMonthNames[index], StringComparison.OrdinalIgnoreCase))
            {
                return index + 1;
            }
        }

        return null;
    }

    private const string MonthNames = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    // Month first ("May 8-9, 2029", "May 31 – June 1") or day first ("8-9 May 2029"); a year is 19xx or 20xx not
    // followed by a time ("May 21 1300-1800" has none). The alternatives share their group names.
    [GeneratedRegex(@"\b(?:(?<month>" + MonthNames + @")\.?\s+(?<first>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:and|to|through|until|-|–|—|&)\s*(?:(?<endMonth>" + MonthNames + @")\.?\s+)?(?<last>\d{1,2})(?:st|nd|rd|th)?)?"
        + @"|(?<first>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:and|to|through|until|-|–|—|&)\s*(?<last>\d{1,2})(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?<month>" + MonthNames + @"))\b"
        + @"(?:,?\s+(?<year>(?:19|20)\d{2})(?![\d:])(?!\s*[-–—]\s*\d))?", RegexOptions.IgnoreCase)]
    private static partial Regex DatesPattern();

    [GeneratedRegex(@"\b(?<start>" + ClockText + @")\s*[-–—]\s*(?<end>" + ClockText + @")\s*(?<zone>[A-Z]{2,5})\b")]
    private static partial Regex HoursPattern();

    [GeneratedRegex(@"^(?<hour>\d{1,2})(?:[:.](?<minute>\d{2}))?\s*(?<half>[AaPp])\.?[Mm]\.?\z")]
    private static partial Regex TwelveHourClock();

    [GeneratedRegex(@"(?<start>" + ClockText + @")\s*(?:[-–—]|to)\s*(?<end>" + ClockText + @")(?:\s*(?:UTC|GMT))?")]
    private static partial Regex TimeRangePattern();

    // "Wednesday, March 3", "May 8", "Day 2: Thursday 9 May", "Monday, May 21, 2029", "March 3 (online)", "Thu 10 March".
    [GeneratedRegex(@"^(?:Day\s*\d+\s*[:.,–—-]?\s*)?(?:(?<weekday>[A-Za-z]{3,9})\.?,?\s+)?"
        + @"(?:(?<month>[A-Za-z]{3,9})\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>[A-Za-z]{3,9}))"
        + @"(?:,?\s+(?:19|20)\d{2})?(?:\s*\([^()]*\))?\s*:?\z", RegexOptions.IgnoreCase)]
    private static partial Regex DayHeadingPattern();

    [GeneratedRegex(@"^(?<day>\d{1,2})\s*/\s*(?<month>[A-Za-z]{3,9})\z")]
    private static partial Regex DayLabelPattern();
}
