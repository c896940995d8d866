namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>Hostile Markdown is stored as written, but nothing dangerous reaches the HTML.</summary>
public sealed class SanitisingTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private static readonly string[] Dangerous = ["<script", "<iframe", "onerror", "onload", "javascript:", "data:", "<!--", "<style", "vbscript:", "<object", "srcdoc", "<math",
        "<form", "<input", "<button", "<textarea", "style=", "position", "z-index", "class=", "<meta", "<base", "target="];

    public static TheoryData<string, string> HostileMarkdown => new()
    {
        { "script tag", "Before <script>alert(1)</script> after" },
        { "script block", "<script>\nalert(1)\n</script>" },
        { "iframe", "See <iframe src=\"https://evil.example\"></iframe> here" },
        { "event handler", "An image <img src=\"https://i.example/x.png\" onerror=\"alert(1)\"> inline" },
        { "javascript link", "[click](javascript:alert(1))" },
        { "mixed-case scheme", "[click](JaVaScRiPt:alert(1))" },
        { "data link", "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
        { "data image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)" },
        { "html comment", "Visible <!-- hidden <script>alert(1)</script> --> text" },
        { "entity-encoded scheme", "[e](&#106;avascript:alert(1))" },
        { "entity-encoded html href", "<a href=\"&#106;avascript:alert(1)\">e</a>" },
        { "svg onload", "<svg onload=alert(1)><circle r=1 /></svg>" },
        { "style tag", "<style>body { display: none }</style>Text" },
        { "vbscript", "[v](vbscript:msgbox(1))" },
        { "split script tag", "<scr<script>ipt>alert(1)</scr</script>ipt>" },
        { "tab inside the scheme", "<a href=\"java\tscript:alert(1)\">t</a>" },
        { "hex entity scheme", "[h](&#x6A;&#x61;&#x76;&#x61;script:alert(1))" },
        { "reference link", "[r][x]\n\n[x]: javascript:alert(1)" },
        { "iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>" },
        { "object data", "<object data=\"data:text/html,<script>alert(1)</script>\"></object>" },
        { "form action", "<form action=\"javascript:alert(1)\"><button>go</button></form>" },
        { "unclosed comment", "Text <!-- <img src=x onerror=alert(1)>" },
        { "math href", "<math><a xlink:href=\"javascript:alert(1)\">m</a></math>" },
        { "password form", "<form action=\"https://evil.example/\"><input type=\"password\" name=\"pw\"><button>Sign in</button></form>" },
        { "fixed overlay", "<div style=\"position: fixed; top: 0; left: 0; width: 100%; height: 100%; z-index: 99999\">Moved</div>" },
        { "host page classes", "<p class=\"modal show\">covered</p>" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">" },
        { "framing link", "<a href=\"https://kubevirt.io\" target=\"_top\">l</a>" },
    };

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public async Task HostileMarkdownIsStoredAsWrittenButNeverReachesTheHtml(string name, string markdown)
    {
        var eventId = (await editing.Editor.EventAsync()).Text("id");

        var payload = await editing.Editor.SucceedAsync("createSession", new { eventId, title = $"Hostile {name}", @abstract = markdown }, "session { abstract { markdown html } }");
        var preview = await editing.Server.QueryAsync("query($markdown: String!) { renderMarkdown(markdown: $markdown) }", new { markdown });

        var html = payload["session"]!["abstract"].Text("html");
        Assert.Equal(markdown, payload["session"]!["abstract"].Text("markdown"));
        Assert.Equal(html, preview.Text("renderMarkdown"));
        Assert.All(Dangerous, marker => Assert.DoesNotContain(marker, html, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SafeMarkdownKeepsItsLinksAndFormatting()
    {
        var preview = await editing.Server.QueryAsync("""{ renderMarkdown(markdown: "**Bold** [site](https://kubevirt.io) <br> `code`") }""");

        Assert.Equal("""<p><strong>Bold</strong> <a href="https://kubevirt.io" rel="noopener noreferrer nofollow">site</a> <br> <code>code</code></p>""", preview.Text("renderMarkdown"));
    }
}
