using System.Globalization;

namespace Summit.Graph.Content;

/// <summary>
/// Text as it is stored from a page: Unicode NFC (so "é" written as one character or as "e" and a combining
/// accent is the same name), without the invisible characters editors paste along by accident: zero-width
/// spaces and joiners, word joiners, byte order marks, soft hyphens and bidirectional controls. They change
/// nothing a reader sees, but make two equal names, handles or URLs differ.
/// </summary>
public static class TextNormalization
{
    /// <summary><paramref name="text"/> in NFC, without invisible format characters and with its ends trimmed.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var visible = text.Any(IsInvisible) ? string.Concat(text.Where(character => !IsInvisible(character))) : text;
        return UnicodeComposition.Compose(visible).Trim();
    }

    /// <summary><see cref="Clean"/> for a value that may be missing.</summary>
    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>
    /// A character that shows nothing and joins nothing a reader can see: Unicode's format characters (zero-width
    /// space U+200B, joiners U+200C/U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, the bidirectional
    /// marks, embeddings, overrides and isolates).
    /// </summary>
    public static bool IsInvisible(char character) => CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.Format;
}
