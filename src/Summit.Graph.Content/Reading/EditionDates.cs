using System.Globalization;
using System.Text.RegularExpressions;

namespace Summit.Graph.Content.Reading;

/// <summary>A place where a page states its dates: the line, and the dates as written there.</summary>
public sealed record DateStatement(int Line, PrintedDates Dates);

/// <summary>
/// Decides an edition's dates from every place a page states them, and checks them against each other:
/// <list type="number">
/// <item>dates with a year in the When section ("Dates: February 9 and 10, 2021", "Date: October 3, 2031");</item>
/// <item>else dates with a year anywhere outside the programme ("takes place on October 3, 2031");</item>
/// <item>else dates without a year in a sentence ("coming on May 8-9!"), in the year the dates or the front matter's
/// title give;</item>
/// <item>else the programme's day headings ("### May 8") in that year, first to last.</item>
/// </list>
/// The report says which was used and what agrees with it; a statement that disagrees is reported with its line
/// (a note that the edition was "first announced for September 19-20" is one) and changes nothing.
/// </summary>
public static partial class EditionDates
{
    /// <exception cref="PageFormatException">The page gives no dates, or gives them without a year anywhere.</exception>
    public static EventDates Decide(PageText page, LineLedger ledger, IReadOnlyList<DateStatement> statements, MarkdownSection? when,
        IReadOnlyList<(int Line, string Heading)> dayHeadings)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(dayHeadings);
        var withYear = statements.Where(statement => statement.Dates.Year is not null).ToList();
        var titleYear = TitleYear(page);
        var chosen = withYear.FirstOrDefault(statement => when is not null && statement.Line >= when.HeadingLine && statement.Line <= when.LastLine)
            ?? withYear.FirstOrDefault();
        var year = chosen?.Dates.Year ?? titleYear?.Year;
        if (year is null)
        {
            throw new PageFormatException(statements.Count > 0
                ? $"The page gives its dates without a year ('{statements[0].Dates.Text}' on line {statements[0].Line}), and its front matter's title gives none either."
                : "The page gives no dates: none such as 'February 9 and 10, 2021' in a section such as '## When' or in a sentence, and no day headings such as '### May 8'.");
        }

        chosen ??= statements.FirstOrDefault(statement => statement.Dates.In(year.Value) is not null);
        var headingDates = dayHeadings
            .Select(heading => (heading.Line, Date: ScheduleText.ParseDayHeading(MarkdownLinks.Remove(heading.Heading), year.Value)?.Date))
            .Where(heading => heading.Date is not null)
            .Select(heading => (heading.Line, Date: heading.Date!.Value))
            .ToList();
        var dates = chosen?.Dates.In(year.Value)
            ?? (headingDates.Count > 0 ? new EventDates(headingDates.Min(h => h.Date), headingDates.Max(h => h.Date)) : null)
            ?? throw new PageFormatException("The page gives no dates: none such as 'February 9 and 10, 2021' in a section such as '## When' or in a sentence, "
                + $"and no day headings such as '### May 8'; its title gives only the year {year}.");

        var agreeing = new List<string>();
        foreach (var statement in statements.Where(statement => statement != chosen))
        {
            if (statement.Dates.Agrees(dates))
            {
                agreeing.Add($"line {statement.Line}");
            }
            else
            {
                ledger.Info(statement.Line, $"'{statement.Dates.Text}' disagrees with the edition's dates, {dates}; it changed nothing.");
            }
        }

        if (titleYear is { } title && title.Year != year)
        {
            ledger.Warn(title.Line, $"The title names the year {title.Year}, but the dates are in {year}; the dates' year was kept.");
        }
        else if (titleYear is not null && chosen?.Dates.Year is not null)
        {
            agreeing.Add("the title's year");
        }

        if (chosen is not null && headingDates.Count > 0)
        {
            agreeing.Add(headingDates.All(heading => heading.Date >= dates.Start && heading.Date <= dates.End) ? "the day headings" : "some day headings");
        }

        var line = chosen?.Line ?? headingDates[0].Line;
        var source = chosen is null ? "the day headings, first to last" : $"'{chosen.Dates.Text}' on this line";
        var yearSource = chosen is not null && chosen.Dates.Year is null ? ", in the year of the front matter's title" : "";
        var agreement = agreeing.Count switch
        {
            0 => "",
            1 => $"; confirmed by {agreeing[0]}",
            _ => $"; confirmed by {string.Join(", ", agreeing[..^1])} and {agreeing[^1]}",
        };
        ledger.Info(line, $"The edition's dates, {dates}, are read from {source}{yearSource}{agreement}.");
        return dates;
    }

    /// <summary>A year the front matter's title names, as in "KubeVirt Summit 2029!", with the title's line.</summary>
    private static (int Line, int Year)? TitleYear(PageText page)
    {
        for (var number = 1; number < page.FrontMatter.LastLine; number++)
        {
            var match = TitleYearPattern().Match(page.Line(number));
            if (match.Success)
            {
                return (number, int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^title:.*\b(?<year>(?:19|20)\d{2})\b")]
    private static partial Regex TitleYearPattern();
}
