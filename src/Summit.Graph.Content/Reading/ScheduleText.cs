using System.Globalization;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>The event's dates as printed, for example "February 9 and 10, 2021".</summary>
public sealed record EventDates(DateOnly Start, DateOnly End);

/// <summary>Daily hours as printed, for example "14:00 – 19:00 UTC (09:00–14:00 EST, 15:00–20:00 CET)".</summary>
public sealed record DailyHours(string Zone, TimeOnly Start, TimeOnly End, IReadOnlyList<LocalHoursContent> LocalHours);

/// <summary>Reads the dates, times and short day labels that programme pages print.</summary>
public static partial class ScheduleText
{
    private static readonly DateTimeFormatInfo English = CultureInfo.InvariantCulture.DateTimeFormat;

    /// <summary>"February 9 and 10, 2021", "March 3-4, 2027" or "February 9, 2021".</summary>
    public static EventDates? FindDates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DatesPattern().Match(text);
        if (!match.Success || Month(match.Groups["month"].Value) is not { } month)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var firstDay = int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture);
        var lastDay = match.Groups["last"].Success ? int.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture) : firstDay;
        return lastDay < firstDay || lastDay > DateTime.DaysInMonth(year, month)
            ? null
            : new EventDates(new DateOnly(year, month, firstDay), new DateOnly(year, month, lastDay));
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

    /// <summary>A programme table's day label such as "9/Feb" or "10/February", in the event's year.</summary>
    public static DateOnly? ParseDayLabel(string label, int year)
    {
        ArgumentNullException.ThrowIfNull(label);
        var match = DayLabelPattern().Match(label.Trim());
        if (!match.Success || Month(match.Groups["month"].Value) is not { } month)
        {
            return null;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>A clock time such as "14:00" or "9:30".</summary>
    public static TimeOnly? ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
    }

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

    [GeneratedRegex(@"\b(?<month>[A-Za-z]{3,9})\.?\s+(?<first>\d{1,2})(?:\s*(?:and|to|-|–|—|&)\s*(?<last>\d{1,2}))?(?:st|nd|rd|th)?,?\s+(?<year>\d{4})\b")]
    private static partial Regex DatesPattern();

    [GeneratedRegex(@"\b(?<start>\d{1,2}:\d{2})\s*[-–—]\s*(?<end>\d{1,2}:\d{2})\s*(?<zone>[A-Z]{2,5})\b")]
    private static partial Regex HoursPattern();

    [GeneratedRegex(@"^(?<day>\d{1,2})\s*/\s*(?<month>[A-Za-z]{3,9})$")]
    private static partial Regex DayLabelPattern();
}
