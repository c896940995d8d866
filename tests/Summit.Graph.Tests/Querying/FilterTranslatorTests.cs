using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.Tests.Querying;

/// <summary>
/// The predicates the translator builds, compiled and run over objects: their meaning must not depend on
/// the database (nulls included), so LINQ to objects is the reference.
/// </summary>
public sealed class FilterTranslatorTests
{
    private static readonly Event Summit = new() { Id = 1, Slug = "summit", Name = "Summit", SlotMinutes = 30 };
    private static readonly Presenter Ada = new() { Id = 1, Slug = "ada", Name = "Ada Lovelace", Company = "Analytical" };
    private static readonly Presenter Grace = new() { Id = 2, Slug = "grace", Name = "Grace Hopper", Company = "Navy" };
    private static readonly Presenter Filip = new() { Id = 3, Slug = "filip", Name = "Filip Křepinský", Company = null };

    private static readonly Session[] Sessions =
    [
        Create(1, "opening", "Opening", null, SessionKind.Welcome, At(9), []),
        Create(2, "engines", "Difference Engines", "The Difference Engine", SessionKind.Talk, At(10), [Ada]),
        Create(3, "compilers", "Compilers for everyone", null, SessionKind.Talk, At(11), [Grace, Ada]),
        Create(4, "panel", "Panel: the future", "PANEL", SessionKind.Panel, At(12), [Grace, Filip]),
        Create(5, "unscheduled", "Unscheduled idea", null, SessionKind.Talk, null, [Filip]),
    ];

    public static TheoryData<Dictionary<string, object?>, string[]> Filters => new()
    {
        { Where("title", Ops(("eq", "Opening"))), ["opening"] },
        { Where("title", Ops(("neq", "Opening"))), ["engines", "compilers", "panel", "unscheduled"] },
        { Where("title", Ops(("in", List("Opening", "Panel: the future", "nope")))), ["opening", "panel"] },
        { Where("title", Ops(("nin", List("Opening", "Panel: the future")))), ["engines", "compilers", "unscheduled"] },
        { Where("title", Ops(("startsWith", "Difference"), ("endsWith", "Engines"))), ["engines"] },
        { Where("title", Ops(("containsIgnoreCase", "ENGINE"))), ["engines"] },
        { Where("title", Ops(("contains", "ENGINE"))), [] },
        { Where("programmeTitle", Ops(("eq", null))), ["opening", "compilers", "unscheduled"] },
        { Where("programmeTitle", Ops(("neq", null))), ["engines", "panel"] },
        { Where("programmeTitle", Ops(("ncontains", "Engine"))), ["opening", "compilers", "panel", "unscheduled"] },
        { Where("programmeTitle", Ops(("contains", "Engine"))), ["engines"] },
        { Where("programmeTitle", Ops(("eqIgnoreCase", "panel"))), ["panel"] },
        { Where("programmeTitle", Ops(("neqIgnoreCase", "panel"))), ["opening", "engines", "compilers", "unscheduled"] },
        { Where("programmeTitle", Ops(("inIgnoreCase", List("PANEL", null)))), ["opening", "compilers", "panel", "unscheduled"] },
        { Where("programmeTitle", Ops(("nstartsWithIgnoreCase", "the"))), ["opening", "compilers", "panel", "unscheduled"] },
        { Where("kind", Ops(("eq", SessionKind.Talk))), ["engines", "compilers", "unscheduled"] },
        { Where("kind", Ops(("nin", List(SessionKind.Talk, SessionKind.Panel)))), ["opening"] },
        { Where("slot", Where("startsAt", Ops(("gte", At(11))))), ["compilers", "panel"] },
        { Where("slot", Where("startsAt", Ops(("ngte", At(11))))), ["opening", "engines"] },
        { Where("slot", Where("startsAt", Ops(("gt", At(10)), ("nlte", At(11))))), ["panel"] },
        { Where("slot", Where("startsAt", Ops(("in", List(At(9), At(12)))))), ["opening", "panel"] },
        { Where("slot", Where("startsAt", Ops(("in", List(At(9), null))))), ["opening"] },
        { Where("event", Where("slotMinutes", Ops(("lt", 30)))), [] },
        { Where("event", Where("slotMinutes", Ops(("nlt", 30)))), ["opening", "engines", "compilers", "panel", "unscheduled"] },
        { Where("presenters", Ops(("some", Where("name", Ops(("eq", "Ada Lovelace")))))), ["engines", "compilers"] },
        { Where("presenters", Ops(("all", Where("name", Ops(("eq", "Ada Lovelace")))))), ["opening", "engines"] },
        { Where("presenters", Ops(("none", Where("company", Ops(("eq", "Navy")))))), ["opening", "engines", "unscheduled"] },
        { Where("presenters", Ops(("all", Where("company", Ops(("neq", "Navy")))))), ["opening", "engines", "unscheduled"] },
        { Where("presenters", Ops(("some", Where("company", Ops(("ncontains", "av")))))), ["engines", "compilers", "panel", "unscheduled"] },
        { Where("presenters", Ops(("any", false))), ["opening"] },
        { Where("presenters", Ops(("any", true))), ["engines", "compilers", "panel", "unscheduled"] },
        {
            Or(
                Where("kind", Ops(("eq", SessionKind.Panel))),
                And(Where("kind", Ops(("eq", SessionKind.Talk))), Where("slot", Where("startsAt", Ops(("lt", At(11))))))),
            ["engines", "panel"]
        },
        { Where("title", Ops(("or", List(Ops(("startsWith", "Open")), Ops(("endsWith", "idea")))))), ["opening", "unscheduled"] },
        { Where("title", Ops(("and", List(Ops(("contains", "e")), Ops(("ncontains", "E")))))), ["opening", "compilers", "panel", "unscheduled"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void PredicatesMeanTheSameInMemory(Dictionary<string, object?> where, string[] expected)
    {
        var predicate = FilterTranslator.Translate<Session>(SessionModel.Instance, where)!.Compile();

        Assert.Equal(expected, Sessions.Where(predicate).Select(s => s.Slug));
    }

    [Fact]
    public void NoFilterIsNoPredicate()
    {
        Assert.Null(FilterTranslator.Translate<Session>(SessionModel.Instance, null));
        Assert.Null(FilterTranslator.Translate<Session>(SessionModel.Instance, new Dictionary<string, object?>()));
    }

    [Fact]
    public void NullFieldsAreIgnored()
    {
        var predicate = FilterTranslator.Translate<Session>(SessionModel.Instance, new Dictionary<string, object?> { ["title"] = null, ["slot"] = null })!.Compile();

        Assert.Equal(5, Sessions.Count(predicate));
    }

    [Fact]
    public void ValuesBecomeParametersNotConstants()
    {
        var predicate = FilterTranslator.Translate<Session>(SessionModel.Instance, Where("title", Ops(("eq", "'; DROP TABLE Sessions; --"))))!;

        Assert.DoesNotContain("DROP TABLE", predicate.Body.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<Dictionary<string, object?>> InvalidFilters => new()
    {
        Where("nosuchfield", Ops(("eq", 1))),
        Where("title", Ops(("gt", "A"))),
        Where("title", Ops(("contains", null))),
        Where("title", Ops(("in", null))),
        Where("title", Ops(("in", "not a list"))),
        Where("title", "not an object"),
        Where("kind", Ops(("containsIgnoreCase", "talk"))),
        Where("slot", Where("startsAt", Ops(("lte", null)))),
        Where("presenters", Ops(("most", Where("name", Ops(("eq", "Ada")))))),
        new() { ["and"] = List() },
        new() { ["or"] = List((object?)null) },
    };

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void UntranslatableFiltersAreFilterInvalid(Dictionary<string, object?> where)
    {
        var error = Assert.Throws<QueryArgumentException>(() => FilterTranslator.Translate<Session>(SessionModel.Instance, where));

        Assert.Equal("FILTER_INVALID", error.Code);
    }

    private static Session Create(int id, string slug, string title, string? programmeTitle, SessionKind kind, DateTime? startsAt, Presenter[] presenters) => new()
    {
        Id = id,
        EventId = Summit.Id,
        Event = Summit,
        Slug = slug,
        Title = title,
        ProgrammeTitle = programmeTitle,
        Kind = kind,
        Status = PublicationStatus.Published,
        Slot = startsAt is null ? null : new Slot { Id = id, StartsAt = startsAt.Value, EndsAt = startsAt.Value.AddMinutes(30) },
        Presenters = [.. presenters.Select((p, i) => new SessionPresenter { SessionId = id, Presenter = p, PresenterId = p.Id, Position = i })],
    };

    private static DateTime At(int hour) => new(2021, 2, 9, hour, 0, 0, DateTimeKind.Utc);

    private static Dictionary<string, object?> Where(string field, object? value) => new() { [field] = value };

    private static Dictionary<string, object?> Ops(params (string Operation, object? Value)[] operations) =>
        operations.ToDictionary(o => o.Operation, o => o.Value);

    private static Dictionary<string, object?> And(params Dictionary<string, object?>[] parts) => new() { ["and"] = List(parts) };

    private static Dictionary<string, object?> Or(params Dictionary<string, object?>[] parts) => new() { ["or"] = List(parts) };

    private static List<object?> List(params object?[] items) => [.. items];
}
