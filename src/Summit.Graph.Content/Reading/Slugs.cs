using System.Text;
using AnyAscii;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Lowercase ASCII slugs for names and titles in any script: <c>Joël Séguillon</c> → <c>joel-seguillon</c>,
/// <c>ΔΟΚΙΜΗ 1</c> → <c>dokimi-1</c>, <c>Тестовый доклад</c> → <c>testovyy-doklad</c>. Letters are transliterated
/// by AnyAscii (table-driven, so it works under invariant globalization); symbols such as emoji are left out; a slug
/// is never digits only.
/// </summary>
public static class Slugs
{
    /// <summary>
    /// The slug of <paramref name="text"/>. One without a letter (a title "2021") is prefixed with
    /// <paramref name="kind"/> ("session-2021"), since digits alone read as an id; text with nothing to
    /// transliterate gives an empty slug, for the caller to refuse.
    /// </summary>
    public static string From(string text, string kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var slug = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var character in WithoutSymbols(TextNormalization.Clean(text)).Transliterate())
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(char.ToLowerInvariant(character));
            }
            else
            {
                // An apostrophe joins a word ("Konveyor's" → "konveyors"); anything else separates words.
                pendingDash |= character != '\'';
            }
        }

        return slug.Length > 0 && !slug.ToString().Any(char.IsAsciiLetter) ? $"{kind}-{slug}" : slug.ToString();
    }

    /// <summary>The text without symbols such as emoji, which transliterate to names (":rocket:") no title meant as words.</summary>
    private static string WithoutSymbols(string text) =>
        string.Concat(text.EnumerateRunes().Where(rune => Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.OtherSymbol).Select(rune => rune.ToString()));
}
