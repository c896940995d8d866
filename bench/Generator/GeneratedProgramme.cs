using System.Globalization;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Bench.Generator;

internal sealed record ProgrammeShape(int Events, int SessionsPerEvent, int Presenters);

/// <summary>
/// Editions shaped like the 2021 summit (two days of 30-minute slots, Markdown abstracts, one to three
/// presenters and a couple of links per session), with two parallel sessions per slot so forty sessions
/// fit in two days. Seeded, so every run writes the same rows.
/// </summary>
internal static class GeneratedProgramme
{
    private const int SessionsPerSlot = 2;
    private static readonly string[] Companies = ["Red Hat", "NVIDIA", "SUSE", "Google", "IBM", "Cloudbase Solutions", "Apple", "Intel"];
    private static readonly string[] Topics = ["live migration", "GPU passthrough", "storage hotplug", "networking", "CPU pinning", "observability", "backup", "the operator"];

    public static IEnumerable<EventContent> Editions(ProgrammeShape shape)
    {
        var random = new Random(2021);
        var people = Enumerable.Range(1, shape.Presenters).Select(Person).ToArray();
        for (var number = 1; number <= shape.Events; number++)
        {
            yield return Edition(number, shape.SessionsPerEvent, people, random);
        }
    }

    private static EventContent Edition(int number, int sessionCount, PersonContent[] people, Random random)
    {
        var start = new DateOnly(2022 + number, 2, 9);
        var slotsPerDay = (int)Math.Ceiling(sessionCount / (double)SessionsPerSlot / 2);
        var sessions = Enumerable.Range(1, sessionCount).Select(i => Session(i, people, random)).ToList();
        var days = Enumerable.Range(0, 2).Select(day =>
        {
            var date = start.AddDays(day);
            var slots = Enumerable.Range(0, slotsPerDay).Select(slot =>
            {
                var startsAt = date.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc).AddMinutes(30 * slot);
                var slugs = sessions.Skip(((day * slotsPerDay) + slot) * SessionsPerSlot).Take(SessionsPerSlot).Select(s => s.Slug).ToList();
                return new SlotContent(startsAt, startsAt.AddMinutes(30), slugs, 0);
            }).Where(s => s.SessionSlugs.Count > 0).ToList();
            return new DayContent(date, slots);
        }).ToList();

        return new EventContent
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"scale-summit-{number:00}"),
            Name = string.Create(CultureInfo.InvariantCulture, $"Scale Summit {start.Year}"),
            DescriptionMarkdown = "A generated edition for the **scale benchmark**.",
            TimeZone = "UTC",
            StartDate = start,
            EndDate = start.AddDays(1),
            DailyStart = new TimeOnly(14, 0),
            DailyEnd = new TimeOnly(14, 0).AddMinutes(30 * slotsPerDay),
            SlotMinutes = 30,
            Days = days,
            Sessions = sessions,
        };
    }

    private static SessionContent Session(int number, PersonContent[] people, Random random)
    {
        var topic = Topics[random.Next(Topics.Length)];
        var presenters = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => people[random.Next(people.Length)]).DistinctBy(p => p.Slug);
        return new SessionContent
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"talk-{number:00}"),
            Title = string.Create(CultureInfo.InvariantCulture, $"Talk {number}: KubeVirt and {topic}"),
            Kind = number % 10 == 0 ? SessionKind.Panel : SessionKind.Talk,
            AbstractMarkdown = $"How we run **{topic}** with KubeVirt in production, what broke, and what we fixed upstream.\n\n- lessons learned\n- a demo\n\nSee [the docs](https://kubevirt.io/user-guide/).",
            People = [.. presenters.Select((p, i) => new SessionPersonContent(p, i == 0 ? PresenterRole.Presenter : PresenterRole.Panelist, PeopleLineParser.Format(p)))],
            Links =
            [
                new LinkContent(LinkKind.Recording, string.Create(CultureInfo.InvariantCulture, $"https://youtu.be/scale{number:000}"), "Recording"),
                new LinkContent(LinkKind.Slides, string.Create(CultureInfo.InvariantCulture, $"https://example.org/slides/{number}.pdf"), "Slides"),
            ],
        };
    }

    private static PersonContent Person(int number) => new()
    {
        Slug = string.Create(CultureInfo.InvariantCulture, $"presenter-{number:0000}"),
        Name = string.Create(CultureInfo.InvariantCulture, $"Presenter {number:0000}"),
        JobTitle = "Software Engineer",
        Company = Companies[number % Companies.Length],
        GitHub = string.Create(CultureInfo.InvariantCulture, $"presenter{number}"),
    };
}
