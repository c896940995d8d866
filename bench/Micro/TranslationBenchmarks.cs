using BenchmarkDotNet.Attributes;
using Summit.Graph.Content.Model;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.Bench.Micro;

/// <summary>
/// <c>where</c> and <c>order</c> arguments as GraphQL.NET hands them to the resolvers, translated to LINQ:
/// the work every list request does before EF Core sees the query.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet measures instance methods.")]
public class TranslationBenchmarks
{
    private readonly Dictionary<string, object?> workload3Filter = new()
    {
        ["kind"] = new Dictionary<string, object?> { ["in"] = new List<object?> { SessionKind.Talk, SessionKind.Panel } },
        ["slot"] = new Dictionary<string, object?>
        {
            ["startsAt"] = new Dictionary<string, object?> { ["gte"] = new DateTime(2021, 2, 9, 0, 0, 0, DateTimeKind.Utc) },
        },
    };

    private readonly Dictionary<string, object?> searchFilter = new()
    {
        ["or"] = new List<object?>
        {
            new Dictionary<string, object?> { ["title"] = new Dictionary<string, object?> { ["containsIgnoreCase"] = "migration" } },
            new Dictionary<string, object?>
            {
                ["presenters"] = new Dictionary<string, object?>
                {
                    ["some"] = new Dictionary<string, object?> { ["company"] = new Dictionary<string, object?> { ["eq"] = "NVIDIA" } },
                },
            },
        },
    };

    private readonly List<object?> workload3Order =
    [
        new Dictionary<string, object?> { ["slot"] = new Dictionary<string, object?> { ["startsAt"] = SortDirection.Asc } },
        new Dictionary<string, object?> { ["title"] = SortDirection.Asc },
    ];

    [Benchmark]
    public object? FilterByKindAndSlotTime() => FilterTranslator.Translate<Data.Entities.Session>(SessionModel.Instance, workload3Filter);

    [Benchmark]
    public object? FilterSearchWithListOperation() => FilterTranslator.Translate<Data.Entities.Session>(SessionModel.Instance, searchFilter);

    [Benchmark]
    public object SortDefaultOrder() => SortTranslator.Translate(SessionModel.Instance, null);

    [Benchmark]
    public object SortBySlotTimeAndTitle() => SortTranslator.Translate(SessionModel.Instance, workload3Order);
}
