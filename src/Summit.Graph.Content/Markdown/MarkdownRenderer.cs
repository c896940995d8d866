using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace Summit.Graph.Content.Markdown;

/// <summary>Markdown rendered for display: sanitised HTML, and plain text for search and previews.</summary>
public sealed record RenderedMarkdown(string Html, string PlainText);

/// <summary>
/// Renders page Markdown (abstracts, descriptions) to HTML that is safe to embed.
/// </summary>
/// <remarks>
/// Raw HTML is passed through Markdig on purpose, because the pages use a little of it
/// (<c>&lt;br&gt;</c>, <c>&lt;a name&gt;</c>), and everything is then run through HtmlSanitizer's allow-list:
/// scripts, frames, event handlers, comments and any URL scheme other than http, https and mailto are removed.
/// Links get <c>rel="nofollow noopener"</c>, since their targets are written by third parties.
/// One instance is meant to be shared: the pipeline and the sanitiser are built once and only read afterwards,
/// which HtmlSanitizer documents as thread-safe.
/// </remarks>
public sealed partial class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = sanitizer.SanitizeDom(Markdig.Markdown.ToHtml(markdown, pipeline));
        var body = document.Body!;
        return new RenderedMarkdown(body.InnerHtml.Trim(), Whitespace().Replace(body.TextContent, " ").Trim());
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.PostProcessNode += (_, args) =>
        {
            if (args.Node is IHtmlAnchorElement anchor && anchor.HasAttribute("href"))
            {
                anchor.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
