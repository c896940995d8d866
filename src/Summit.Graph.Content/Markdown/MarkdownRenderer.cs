using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Summit.Graph.Content.Markdown;

/// <summary>Markdown rendered for display: sanitised HTML, and plain text for search and previews.</summary>
public sealed record RenderedMarkdown(string Html, string PlainText);

/// <summary>Markdown nested deeper than <see cref="MarkdownRenderer.MaxNesting"/> levels; the message says how deep.</summary>
public sealed class MarkdownNestingException(string message) : Exception(message);

/// <summary>
/// Renders page Markdown (abstracts, descriptions) to HTML that is safe to embed in the summit's pages.
/// </summary>
/// <remarks>
/// Raw HTML is passed through Markdig on purpose, because the pages use a little of it (<c>&lt;br&gt;</c>,
/// <c>&lt;a name&gt;</c>), and everything is then run through an allow-list of what an abstract needs: links,
/// emphasis, headings, lists, quotes, code, tables, images, line breaks and named anchors. Nothing else survives:
/// no forms or inputs (a fake log-in box), no <c>style</c> attribute (an overlay fixed over the host page), no
/// classes (the host page's own styles), no frames, scripts or event handlers; URLs are http, https, mailto or
/// relative. Links get <c>rel="noopener noreferrer nofollow"</c>, since their targets are written by third parties.
/// One instance is meant to be shared: the pipeline and the sanitiser are built once and only read afterwards,
/// which HtmlSanitizer documents as thread-safe.
/// </remarks>
public sealed partial class MarkdownRenderer
{
    /// <summary>
    /// Most levels Markdown may nest (quotes, lists, brackets, HTML elements, emphasis). Abstracts nest two or
    /// three; Markdig refuses documents past 128 levels by throwing, and a deeper DOM costs the sanitiser more.
    /// A content rule like the length limit, not a setting: what is stored must render on every server.
    /// </summary>
    public const int MaxNesting = 32;

    /// <summary>The tags an abstract needs: what Markdig writes for the pipeline's syntax, and named anchors.</summary>
    private static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "em", "strong", "b", "i", "del", "s", "ins", "mark", "sub", "sup", "code", "pre",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
    ];

    /// <summary>Link and image targets, texts for images, list numbering, and anchor names (<c>name</c>, <c>id</c> on <c>a</c> only).</summary>
    private static readonly string[] AllowedAttributes = ["href", "src", "alt", "title", "start", "type", "name", "id"];

    /// <summary>The syntax abstracts are written in: CommonMark with autolinks, pipe tables, emphasis and list extras.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>Renders <paramref name="markdown"/>; a <see cref="MarkdownNestingException"/> when it nests too deeply.</summary>
    public RenderedMarkdown Render(string markdown)
    {
        var html = Parse(markdown).ToHtml(Pipeline);
        var document = sanitizer.SanitizeDom(html);
        var body = document.Body!;
        return new RenderedMarkdown(body.InnerHtml.Trim(), Whitespace().Replace(body.TextContent, " ").Trim());
    }

    /// <summary>Why <paramref name="markdown"/> cannot be rendered (it nests too deeply); null when it can.</summary>
    public static string? Refusal(string markdown)
    {
        try
        {
            Parse(markdown);
            return null;
        }
        catch (MarkdownNestingException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// Measures the nesting first, so a hostile document costs one pass over its characters; Markdig's own
    /// depth check stays behind it for constructs the measure does not count (its ArgumentException is the only
    /// one Markdig throws for a non-null string).
    /// </summary>
    private static MarkdownDocument Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var depth = MarkdownNesting.Deepest(markdown);
        if (depth > MaxNesting)
        {
            throw TooDeep($"{depth} levels");
        }

        try
        {
            return Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            throw TooDeep($"more than {MaxNesting} levels");
        }
    }

    private static MarkdownNestingException TooDeep(string depth) =>
        new($"The Markdown nests {depth} deep (quotes, lists, emphasis, brackets or HTML elements inside each other); at most {MaxNesting} are allowed.");

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(AllowedTags);
        options.AllowedAttributes.UnionWith(AllowedAttributes);
        options.UriAttributes.UnionWith(["href", "src"]);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, args) =>
        {
            if (args.Node is not IElement element)
            {
                return;
            }

            // An id or a name elsewhere could shadow the host page's own elements and globals (DOM clobbering).
            if (element.LocalName != "a")
            {
                element.RemoveAttribute("id");
                element.RemoveAttribute("name");
            }
            else if (element.HasAttribute("href"))
            {
                element.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
