using System.Globalization;

namespace Summit.Graph.Soak;

/// <summary>
/// <c>--server PATH/Summit.Graph.dll</c> (required), <c>--seconds 60</c>, <c>--concurrency 32</c>,
/// <c>--hot 8</c> (people every writer updates, so writers collide), <c>--write-percent 30</c>.
/// </summary>
public sealed record SoakOptions(string ServerDll, int Seconds, int Concurrency, int HotPresenters, int WritePercent)
{
    public static SoakOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new SoakOptions(
            values.TryGetValue("server", out var server) ? Path.GetFullPath(server) : throw new ArgumentException("--server PATH/Summit.Graph.dll is required."),
            Number("seconds", 60), Number("concurrency", 32), Number("hot", 8), Number("write-percent", 30));
    }

    /// <summary>Memory is compared between the first and the last window: ten seconds, or a third of a short run.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(Math.Min(10, Seconds / 3.0));

    /// <summary>
    /// Load before the measured run, so start-up (JIT and tiering, pools, caches, the GC settling its budgets) does not
    /// count as growth: 10 s at least. With 4 s, a 10 s run on a loaded 2-core machine measured the GC still growing
    /// its heap (+31 MB, where 30 s runs of the same build shrink).
    /// </summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Clamp(Seconds / 3.0, 10, 20));
}
