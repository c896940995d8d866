using AngleSharp.Html.Parser;
using Snapshooter.Xunit;
using Summit.Graph.Content.Markdown;

namespace Summit.Graph.Tests.Content;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void RendersListsLinksAndEmphasis()
    {
        var rendered = Renderer.Render("An attendee will *learn*:\n\n- how to **deploy**\n- a [demo](https://youtu.be/tHPHfL5PzGM)\n");

        Assert.Equal(
            "<p>An attendee will <em>learn</em>:</p>\n<ul>\n<li>how to <strong>deploy</strong></li>\n"
            + "<li>a <a href=\"https://youtu.be/tHPHfL5PzGM\" rel=\"noopener noreferrer nofollow\">demo</a></li>\n</ul>",
            rendered.Html);
        Assert.Equal("An attendee will learn: how to deploy a demo", rendered.PlainText);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>")]
    [InlineData("<img src=\"https://e.example/x.png\" onerror=\"alert('x')\">")]
    [InlineData("<a href=\"#\" onclick=\"alert('x')\">click</a>")]
    [InlineData("[click](javascript:alert('x'))")]
    [InlineData("[click](&#106;avascript:alert('x'))")]
    [InlineData("<a href=\"&#106;avascript:alert('x')\">click</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert('x')\">click</a>")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+)")]
    [InlineData("![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoJ3gnKT4=)")]
    [InlineData("<!-- alert('x') -->")]
    [InlineData("<svg onload=\"alert('x')\"></svg>")]
    [InlineData("<div style=\"background:url(javascript:alert('x'))\">styled</div>")]
    [InlineData("<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">")]
    public void HostileMarkupNeverReachesTheHtml(string hostile)
    {
        var rendered = Renderer.Render($"Before {hostile} after.\n\n{hostile}\n");

        foreach (var forbidden in new[] { "<script", "<iframe", "<svg", "<object", "<embed", "onerror", "onclick", "onload", "javascript", "data:", "<!--", "alert" })
        {
            Assert.DoesNotContain(forbidden, rendered.Html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("alert", rendered.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Before", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void HarmlessInlineHtmlThatPagesUseSurvives()
    {
        var rendered = Renderer.Render("Aiko Tanaka, Example Cloud <br>\nDescription: confidential VMs");

        Assert.Equal("<p>Aiko Tanaka, Example Cloud <br>\nDescription: confidential VMs</p>", rendered.Html);
    }

    [Fact]
    public void PlainTextDecodesEntitiesAndNormalisesWhitespace()
    {
        var rendered = Renderer.Render("Q&amp;A   with\n\n\nKubeVirt &lt;maintainers&gt;");

        Assert.Equal("Q&A with KubeVirt <maintainers>", rendered.PlainText);
    }

    [Fact]
    public void OneInstanceRendersConcurrently()
    {
        var results = Enumerable.Range(0, 200).AsParallel().AsOrdered()
            .Select(index => Renderer.Render($"**{index}** <script>x</script>").Html)
            .ToList();

        Assert.Equal(Enumerable.Range(0, 200).Select(index => $"<p><strong>{index}</strong> </p>"), results);
    }

    /// <summary>Markup that survives a default HtmlSanitizer and would fool or cover the page that shows the abstract.</summary>
    public static TheoryData<string, string> PageAbuse => new()
    {
        { "fake log-in form", "<form action=\"https://evil.example/steal\"><input type=\"password\" name=\"pw\"><button>Sign in</button></form>" },
        { "form-less inputs", "<input type=\"text\" value=\"x\" autofocus><textarea>t</textarea><select><option>o</option></select>" },
        { "button with formaction", "<button formaction=\"https://evil.example/\">go</button>" },
        { "fixed overlay", "<div style=\"position: fixed; top: 0; left: 0; width: 100%; height: 100%; z-index: 99999; background: white\">Site moved</div>" },
        { "styled link overlay", "<a href=\"https://e.example/\" style=\"position:absolute;inset:0\">x</a>" },
        { "styled image", "<img src=\"https://i.example/x.png\" style=\"position:fixed;top:0\" width=\"5000\" height=\"5000\">" },
        { "host page classes", "<p class=\"modal-backdrop show\">covered</p>" },
        { "table styling", "<table style=\"position:fixed\"><tr><td style=\"z-index:9\">c</td></tr></table>" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">" },
        { "base href", "<base href=\"https://evil.example/\">" },
        { "stylesheet link", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">" },
        { "style element", "<style>body { display: none }</style>" },
        { "target and ping", "<a href=\"https://e.example/\" target=\"_top\" ping=\"https://evil.example/\">l</a>" },
        { "srcset", "<img src=\"https://i.example/a.png\" srcset=\"https://evil.example/b.png 2x\">" },
        { "media", "<video src=\"https://v.example/v.mp4\" autoplay></video><audio src=\"https://a.example/a.mp3\" autoplay></audio>" },
        { "dialog and details", "<dialog open>modal</dialog><details open><summary>s</summary>d</details>" },
        { "frames", "<iframe src=\"https://evil.example/\"></iframe><frameset><frame src=\"https://evil.example/\"></frameset>" },
        { "image map", "<map name=\"m\"><area href=\"https://evil.example/\" shape=\"rect\" coords=\"0,0,9999,9999\"></map>" },
        { "marquee", "<marquee>moving</marquee>" },
        { "id on a paragraph", "<p id=\"config\" name=\"config\">clobber</p>" },
        { "data attributes", "<span data-action=\"delete\">d</span>" },
        { "ftp and file links", "[f](ftp://evil.example/x) [g](file:///etc/passwd)" },
    };

    [Theory]
    [MemberData(nameof(PageAbuse))]
    public void MarkupThatCouldAbuseTheHostPageIsRemoved(string name, string markup)
    {
        var html = Renderer.Render($"Before {markup} after.\n\n{markup}\n").Html;

        var forbidden = new[]
        {
            "<form", "<input", "<button", "<textarea", "<select", "style", "position", "z-index", "class=", "<meta", "<base", "<link",
            "target=", "ping=", "srcset", "<video", "<audio", "<dialog", "<details", "<iframe", "<frame", "<map", "<area", "<marquee",
            "width=", "height=", "id=\"config\"", "name=\"config\"", "data-", "ftp:", "file:", "autofocus", "formaction", "evil.example",
        };
        Assert.All(forbidden, marker => Assert.DoesNotContain(marker, html, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Before", html, StringComparison.Ordinal);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void WhatAnAbstractNeedsSurvives()
    {
        var markdown = "<a name=\"hotplug\"></a>\n## Hotplug\n\n*Em* **strong** ~~gone~~ `code` line<br>break\n\n"
            + "1. one\n2. [two](https://kubevirt.io \"KubeVirt\")\n\n- ![logo](https://kubevirt.io/logo.png \"Logo\")\n- <mailto:team@kubevirt.io>\n\n"
            + "> quoted\n\n```\nvirtctl start\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n[top](#hotplug)";

        var html = Renderer.Render(markdown).Html;

        Assert.Equal(
            "<p><a name=\"hotplug\"></a></p>\n<h2>Hotplug</h2>\n<p><em>Em</em> <strong>strong</strong> <del>gone</del> <code>code</code> line<br>break</p>\n"
            + "<ol>\n<li>one</li>\n<li><a href=\"https://kubevirt.io\" title=\"KubeVirt\" rel=\"noopener noreferrer nofollow\">two</a></li>\n</ol>\n"
            + "<ul>\n<li><img src=\"https://kubevirt.io/logo.png\" alt=\"logo\" title=\"Logo\"></li>\n"
            + "<li><a href=\"mailto:team@kubevirt.io\" rel=\"noopener noreferrer nofollow\">mailto:team@kubevirt.io</a></li>\n</ul>\n"
            + "<blockquote>\n<p>quoted</p>\n</blockquote>\n<pre><code>virtctl start\n</code></pre>\n"
            + "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"
            + "<p><a href=\"#hotplug\" rel=\"noopener noreferrer nofollow\">top</a></p>",
            html);
    }

    /// <summary>The bundled 2021 summit: every text still renders, and nothing a reader sees is lost to the allow-list.</summary>
    [Fact]
    public void EveryTextOfTheSummitRendersWithNothingVisibleLost()
    {
        var ev = SeedPage.Read().Event;
        var texts = ev.Sessions.Select(s => (s.Slug, s.AbstractMarkdown))
            .Append(("description", ev.DescriptionMarkdown))
            .Append(("whats-next", ev.WhatsNextMarkdown ?? ""))
            .ToList();
        var parser = new HtmlParser();

        var rendered = texts.Select(text =>
        {
            var html = Renderer.Render(text.Item2).Html;
            var unsanitised = Markdig.Markdown.ToHtml(text.Item2, MarkdownRenderer.Pipeline);
            Assert.Equal(parser.ParseDocument(unsanitised).Body!.TextContent.Trim(), parser.ParseDocument(html).Body!.TextContent.Trim());
            return new { Text = text.Item1, Html = html };
        }).ToList();

        Snapshot.Match(rendered);
    }

    public static TheoryData<string, string> DeepMarkdown => new()
    {
        { "quotes (the issue's example)", new string('>', 300) + " x" },
        { "spaced quotes", string.Concat(Enumerable.Repeat("> ", 200)) + "x" },
        { "lists on one line", string.Concat(Enumerable.Repeat("- ", 200)) + "x" },
        { "numbered lists on one line", string.Concat(Enumerable.Repeat("1. ", 200)) + "x" },
        { "lists by indentation", string.Join('\n', Enumerable.Range(0, 60).Select(i => new string(' ', 2 * i) + "- x")) },
        { "quotes and lists", string.Concat(Enumerable.Repeat("> - ", 100)) + "x" },
        { "quotes over lines", string.Join('\n', Enumerable.Range(1, 150).Select(i => new string('>', i) + " x")) },
        { "brackets", new string('[', 300) + "x" + new string(']', 300) },
        { "link labels", string.Concat(Enumerable.Repeat("[a ", 200)) + "x" + string.Concat(Enumerable.Repeat("](https://e.example)", 200)) },
        { "emphasis run", new string('*', 300) + "x" + new string('*', 300) },
        { "alternating emphasis", string.Concat(Enumerable.Repeat("*_", 150)) + "x" + string.Concat(Enumerable.Repeat("_*", 150)) },
        { "spaced emphasis", string.Concat(Enumerable.Repeat("*a ", 300)) + string.Concat(Enumerable.Repeat("b* ", 300)) },
        { "emphasis over lines", string.Join('\n', Enumerable.Repeat("*a", 300)) + "x" + string.Join('\n', Enumerable.Repeat("a*", 300)) },
        { "strikethrough", "a " + new string('~', 300) + "x" + new string('~', 300) },
        { "html elements", string.Concat(Enumerable.Repeat("<div>", 2_000)) + "x" },
        { "inline html", string.Concat(Enumerable.Repeat("<b>", 5_000)) + "x" },
        { "html over lines", string.Join('\n', Enumerable.Repeat("<span>", 500)) + "x" },
        { "a fence opened in deep quotes", new string('>', 200) + " ```\ncode" },
        { "quotes after a list item's fence (Markdig's own limit)", "- ```\n" + new string('>', 300) + " x" },
    };

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public void MarkdownNestedTooDeeplyIsRefusedWithItsOwnError(string name, string markdown)
    {
        var error = Assert.Throws<MarkdownNestingException>(() => Renderer.Render(markdown));

        Assert.Contains($"at most {MarkdownRenderer.MaxNesting} are allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, MarkdownRenderer.Refusal(markdown));
        Assert.NotEmpty(name);
    }

    public static TheoryData<string, string> BusyButFlatMarkdown => new()
    {
        { "20,000 characters of emphasis pairs", string.Concat(Enumerable.Repeat("*a* ", 5_000)) },
        { "strong pairs", string.Concat(Enumerable.Repeat("**b** _c_ ", 1_000)) },
        { "words with underscores", string.Concat(Enumerable.Repeat("snake_case_name ", 1_000)) },
        { "arithmetic", string.Concat(Enumerable.Repeat("2 * 3 = 6 + 0 ^ 1 ", 500)) },
        { "many links", string.Concat(Enumerable.Repeat("[KubeVirt](https://kubevirt.io) ", 500)) },
        { "many paragraphs with an open bracket each", string.Concat(Enumerable.Repeat("[draft\n\n", 500)) },
        { "many closed elements", string.Concat(Enumerable.Repeat("<b>x</b><br><img src=\"https://i.example/a.png\"> ", 500)) },
        { "indented code in a fence", "```\n" + string.Join('\n', Enumerable.Range(0, 100).Select(i => new string(' ', i) + "- x")) + "\n```" },
        { "quotes at the limit", new string('>', MarkdownRenderer.MaxNesting - 1) + " x" },
        { "a list nested three deep", "- a\n  - b\n    - c\n      > d" },
    };

    [Theory]
    [MemberData(nameof(BusyButFlatMarkdown))]
    public void BusyMarkdownThatNestsLittleRenders(string name, string markdown)
    {
        Assert.Null(MarkdownRenderer.Refusal(markdown));
        Assert.NotEmpty(Renderer.Render(markdown).Html);
        Assert.NotEmpty(name);
    }
}
