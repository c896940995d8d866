namespace Summit.Graph.Content.Reading;

internal static class EnumerableExtensions
{
    /// <summary>Each element with the one after it: [a, b, c] → (a, b), (b, c).</summary>
    public static IEnumerable<(T Earlier, T Later)> Pairwise<T>(this IEnumerable<T> source) =>
        source.Zip(source.Skip(1), (earlier, later) => (earlier, later));
}
