using Summit.Graph.Content;

namespace Summit.Graph.Data.Search;

/// <summary>
/// What a reader typed, reduced to plain words: runs of letters and digits, lower-cased; everything else (quotes,
/// <c>*</c>, <c>:</c>, <c>-</c>, parentheses, operators such as <c>NEAR(</c> or <c>OR</c> as syntax) separates words and
/// means nothing. The full-text engines only ever see these words, so no input can be read as their query syntax.
/// Every word must match (AND).
/// </summary>
public sealed class SearchTerms
{
    /// <summary>The shortest word a one-letter typo is forgiven in: in shorter ones one letter makes another common word.</summary>
    public const int MinTypoLength = 4;

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    /// <summary>The words, lower-cased, in the order typed; duplicates removed.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words separated by spaces: the text given to PostgreSQL's <c>plainto_tsquery</c> and to trigram matching.</summary>
    public string Text => string.Join(' ', Words);

    /// <summary>The words of <paramref name="query"/>; empty when it holds no letter or digit.</summary>
    public static SearchTerms Parse(string query) => new(Split(query));

    /// <summary>
    /// Whether every word of <paramref name="terms"/> (words separated by spaces) is a word of <paramref name="name"/>
    /// or, when it has at least <see cref="MinTypoLength"/> letters, one edit (insertion, deletion, substitution) away
    /// from one: "Hiler" and "Hillar" find "Daniel Hiller". SQLite's fallback for what PostgreSQL's pg_trgm does.
    /// </summary>
    public static bool NameIsNear(string name, string terms)
    {
        var nameWords = Split(name);
        return Split(terms).All(term => nameWords.Any(word =>
            word == term || (term.Length >= MinTypoLength && Math.Abs(word.Length - term.Length) <= 1 && EditDistance.Between(word, term) <= 1)));
    }

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                if (!words.Contains(word))
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }
}
