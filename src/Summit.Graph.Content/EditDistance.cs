namespace Summit.Graph.Content;

/// <summary>How far apart two texts are, in single-character edits (Levenshtein distance).</summary>
public static class EditDistance
{
    /// <summary>The number of insertions, deletions and substitutions that turn <paramref name="first"/> into <paramref name="second"/>.</summary>
    public static int Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var previous = Enumerable.Range(0, second.Length + 1).ToArray();
        var current = new int[second.Length + 1];
        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }

    /// <summary>1 for equal texts, 0 for texts with nothing in common: one minus the distance over the longer length.</summary>
    public static double Similarity(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var longer = Math.Max(first.Length, second.Length);
        return longer == 0 ? 1 : 1 - ((double)Between(first, second) / longer);
    }
}
