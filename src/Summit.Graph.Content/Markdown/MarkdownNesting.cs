namespace Summit.Graph.Content.Markdown;

/// <summary>
/// An upper bound of how deeply Markdown nests, found in one pass over its characters without parsing it:
/// the containers a line opens (quote markers, list markers and the indentation that nests lists), plus the
/// brackets, emphasis runs and raw HTML elements still open at that point. Fenced code is skipped: it nests nothing.
/// </summary>
internal static class MarkdownNesting
{
    /// <summary>Elements HTML never nests anything in, so they open no level.</summary>
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    public static int Deepest(string markdown)
    {
        var deepest = 0;
        var html = 0;
        var brackets = 0;
        var emphasis = 0;
        string? fence = null;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            var blocks = Containers(line, out var contentStart);
            var content = line[contentStart..];
            var fenceMarker = FenceMarker(content);
            if (fence is not null)
            {
                // Closing early (ignoring info strings) only makes the bound count more, never less.
                if (fenceMarker is not null && fenceMarker[0] == fence[0] && fenceMarker.Length >= fence.Length)
                {
                    fence = null;
                }

                continue;
            }

            if (fenceMarker is not null)
            {
                // The containers the fence opens in nest; its lines do not. A line that leaves those containers
                // (and so the fence) unnoticed here is still caught by Markdig's own limit behind this bound.
                deepest = Math.Max(deepest, blocks);
                fence = fenceMarker;
                continue;
            }

            if (content.IsWhiteSpace())
            {
                // A blank line ends the paragraph, and with it every bracket and emphasis still open.
                brackets = 0;
                emphasis = 0;
            }

            var deepestInLine = 0;
            for (var i = 0; i < content.Length; i++)
            {
                switch (content[i])
                {
                    case '\\':
                        i++;
                        break;
                    case '[':
                        brackets++;
                        break;
                    case ']':
                        brackets = Math.Max(0, brackets - 1);
                        break;
                    case var c when IsDelimiter(c):
                        // A cluster of delimiters, mixed or not (*_*_), opens or closes a level per character.
                        var run = DelimiterRun(content, i);
                        emphasis = Math.Max(0, emphasis + (Flanking(content, i, run) * run));
                        i += run - 1;
                        break;
                    case '<':
                        html = Math.Max(0, html + HtmlTag(content[(i + 1)..]));
                        break;
                }

                deepestInLine = Math.Max(deepestInLine, brackets + emphasis + html);
            }

            deepest = Math.Max(deepest, blocks + deepestInLine);
        }

        return deepest;
    }

    /// <summary>
    /// +1 for a delimiter run that can only open emphasis (after a space or punctuation, before text), -1 for one
    /// that can only close it, 0 inside a word: <c>*a* *b*</c> stays at one level however long the paragraph.
    /// </summary>
    private static int Flanking(ReadOnlySpan<char> text, int start, int run)
    {
        var before = start == 0 ? ' ' : text[start - 1];
        var after = start + run >= text.Length ? ' ' : text[start + run];
        var opens = !char.IsWhiteSpace(after) && (char.IsWhiteSpace(before) || char.IsPunctuation(before) || char.IsSymbol(before));
        var closes = !char.IsWhiteSpace(before) && (char.IsWhiteSpace(after) || char.IsPunctuation(after) || char.IsSymbol(after));
        return opens == closes ? 0 : opens ? 1 : -1;
    }

    /// <summary>
    /// The containers a line opens (each <c>&gt;</c> and list marker, and a level per two columns of indentation
    /// before a marker), and where the rest of the line starts.
    /// </summary>
    private static int Containers(ReadOnlySpan<char> line, out int contentStart)
    {
        var blocks = 0;
        var columns = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                columns += c == '\t' ? 4 : 1;
                i++;
                continue;
            }

            var marker = ListMarkerLength(line[i..]);
            if (c == '>' || marker > 0)
            {
                // Lists nest by indentation: an item's content starts at least two columns in.
                blocks += 1 + (columns / 2);
                columns = 0;
                i += c == '>' ? 1 : marker;
                continue;
            }

            break;
        }

        contentStart = i;
        return blocks;
    }

    /// <summary>The length of a list marker (<c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>, <c>1)</c>) followed by a space, else 0.</summary>
    private static int ListMarkerLength(ReadOnlySpan<char> text)
    {
        var length = text.Length > 0 && text[0] is '-' or '*' or '+' ? 1 : 0;
        if (length == 0)
        {
            while (length < text.Length && length < 9 && char.IsAsciiDigit(text[length]))
            {
                length++;
            }

            length = length > 0 && length < text.Length && text[length] is '.' or ')' ? length + 1 : 0;
        }

        return length > 0 && (length == text.Length || text[length] is ' ' or '\t') ? length : 0;
    }

    /// <summary>The fence a line opens or closes (three or more backticks or tildes), else null.</summary>
    private static string? FenceMarker(ReadOnlySpan<char> content)
    {
        var trimmed = content.TrimStart();
        if (content.Length - trimmed.Length > 3 || trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
        {
            return null;
        }

        var run = Run(trimmed, 0);
        return run >= 3 ? new string(trimmed[0], run) : null;
    }

    private static bool IsDelimiter(char c) => c is '*' or '_' or '~' or '=' or '+' or '^';

    private static int DelimiterRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && IsDelimiter(text[end]))
        {
            end++;
        }

        return end - start;
    }

    private static int Run(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] == text[start])
        {
            end++;
        }

        return end - start;
    }

    /// <summary>+1 for an opening tag of an element that holds content, -1 for a closing tag, 0 otherwise.</summary>
    private static int HtmlTag(ReadOnlySpan<char> afterBracket)
    {
        var closing = afterBracket.Length > 0 && afterBracket[0] == '/';
        var name = closing ? afterBracket[1..] : afterBracket;
        var length = 0;
        while (length < name.Length && (char.IsAsciiLetterOrDigit(name[length]) || name[length] == '-'))
        {
            length++;
        }

        if (length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return 0;
        }

        if (closing)
        {
            return -1;
        }

        var end = name.IndexOf('>');
        var selfClosing = end > 0 && name[end - 1] == '/';
        return selfClosing || VoidElements.Contains(name[..length].ToString()) ? 0 : 1;
    }
}
