using BenchmarkDotNet.Attributes;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.Bench.Micro;

/// <summary>Keyset cursors: every edge of a page encodes one, every paged request decodes one.</summary>
[MemoryDiagnoser]
public class CursorBenchmarks
{
    private readonly IReadOnlyList<OrderKey> keys = SortTranslator.Translate(SessionModel.Instance, null);
    private readonly object?[] values = [new DateTime(2021, 2, 9, 14, 30, 0, DateTimeKind.Utc), "Automated Migration of VMs", 12];
    private string fingerprint = "";
    private string cursor = "";

    [GlobalSetup]
    public void Setup()
    {
        fingerprint = KeysetCursor.Fingerprint(keys);
        cursor = KeysetCursor.Encode(fingerprint, values);
    }

    [Benchmark]
    public string Fingerprint() => KeysetCursor.Fingerprint(keys);

    [Benchmark]
    public string Encode() => KeysetCursor.Encode(fingerprint, values);

    [Benchmark]
    public object?[] Decode() => KeysetCursor.Decode(cursor, fingerprint, keys, "after");
}
