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
            + "<li>a <a href=\"https://youtu.be/tHPHfL5PzGM\" rel=\"nofollow noopener\">demo</a></li>\n</ul>",
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
}
