using System.Text;

namespace Summit.Graph.Content.Reading;

/// <summary>Lowercase ASCII slugs (<c>Joël Séguillon</c> → <c>joel-seguillon</c>) for names and titles.</summary>
public static class Slugs
{
    // The servers run with invariant globalization, where string.Normalize cannot decompose accents,
    // so Latin letters with diacritics are folded by this table instead.
    private static readonly Dictionary<char, string> Folds = BuildFolds(
        ("a", "àáâãäåāăą"), ("ae", "æ"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"),
        ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"),
        ("o", "òóôõöøōŏő"), ("oe", "œ"), ("r", "ŕŗř"), ("s", "śŝşšș"), ("ss", "ß"), ("t", "ţťŧț"),
        ("th", "þ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"));

    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var character in text.ToLowerInvariant())
        {
            var folded = char.IsAsciiLetterOrDigit(character) ? character.ToString() : Folds.GetValueOrDefault(character);
            if (folded is null)
            {
                // Apostrophes, combining accents and invisible joiners join a word ("Konveyor's" → "konveyors",
                // "Jose\u0301phine" → "josephine"); anything else separates words.
                pendingDash |= character is not ('\'' or '’') && !JoinsAWord(character);
                continue;
            }

            if (pendingDash && slug.Length > 0)
            {
                slug.Append('-');
            }

            pendingDash = false;
            slug.Append(folded);
        }

        return slug.ToString();
    }

    private static bool JoinsAWord(char character) =>
        System.Globalization.CharUnicodeInfo.GetUnicodeCategory(character) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.Format;

    private static Dictionary<char, string> BuildFolds(params (string Ascii, string Letters)[] groups) =>
        groups.SelectMany(group => group.Letters.Select(letter => (letter, group.Ascii)))
            .ToDictionary(pair => pair.letter, pair => pair.Ascii);
}
