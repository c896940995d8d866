using System.Text.RegularExpressions;
using Summit.Graph.IntegrationTests.Editing;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>Unicode that fools readers (bidi overrides, invisible joiners, combining marks): slugs refuse it, names keep it exactly.</summary>
public sealed partial class UnicodeInputTests(HostileServer editing) : IClassFixture<HostileServer>
{
    public static TheoryData<string, string> HostileSlugs => new()
    {
        { "right-to-left override", "admin\u202Egpj" },
        { "zero-width joiner", "ali\u200Dce" },
        { "zero-width space", "ali\u200Bce" },
        { "combining acute", "jose\u0301" },
        { "emoji", "rocket-\U0001F680" },
        { "NUL", "ali\0ce" },
        { "fullwidth letters", "\uFF41\uFF42\uFF43" },
        { "cyrillic look-alike", "\u0430dmin" },
        { "byte order mark", "\uFEFFalice" },
        { "line separator", "ali\u2028ce" },
    };

    public static TheoryData<string, string> UnusualNames => new()
    {
        { "right-to-left mark", "Alice \u200F\u05D0\u05DC\u05D9\u05E1" },
        { "zero-width joiner family", "Family \U0001F469\u200D\U0001F469\u200D\U0001F467" },
        { "combining marks", "Jose\u0301 Zoe\u0308" },
        { "precomposed", "José Zoë" },
        { "hebrew", "\u05D3\u05E0\u05D4 \u05DB\u05D4\u05DF" },
        { "emoji only", "\U0001F680\U0001F680" },
        { "astral CJK", "\U00020BB7\u91CE\u5BB6" },
        { "zalgo", "Z\u0351\u036B\u0343\u036A\u0302a\u036B\u033D\u0350l\u0352\u0357g\u0344o" },
    };

    [Theory]
    [MemberData(nameof(HostileSlugs))]
    public async Task SlugsWithUnicodeTricksAreAValidationErrorAndChangeNothing(string name, string slug)
    {
        var before = await editing.Server.DumpDatabaseAsync();

        var errors = await editing.Editor.FailAsync("createPresenter", new { name = "Slug " + name, slug });

        Assert.Contains("\"__typename\":\"ValidationError\"", errors, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"input\",\"slug\"]", errors, StringComparison.Ordinal);
        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
    }

    [Theory]
    [MemberData(nameof(UnusualNames))]
    public async Task NamesAreStoredAndReturnedExactly(string description, string name)
    {
        var slug = "unicode-" + Guid.NewGuid().ToString("N");

        var created = await editing.Editor.SucceedAsync("createPresenter", new { name, slug }, "presenter { id name slug }");
        var read = await editing.Editor.PresenterAsync(slug);

        Assert.Equal(name, created["presenter"].Text("name"));
        Assert.Equal(name, read.Text("name"));
        Assert.NotEmpty(description);
    }

    [Theory]
    [InlineData("Jose\u0301phine Zoe\u0308 Unicode", "josephine-zoe-unicode")]
    [InlineData("Ali\u200Dce \u200FUnicode", "alice-unicode")]
    [InlineData("Straße \U0001F680 Unicode", "strasse-unicode")]
    public async Task SlugsMadeFromUnusualNamesAreAscii(string name, string expected)
    {
        var created = await editing.Editor.SucceedAsync("createPresenter", new { name }, "presenter { name slug }");

        Assert.Equal(expected, created["presenter"].Text("slug"));
        Assert.Matches(SlugPattern(), created["presenter"].Text("slug"));
    }

    [Fact]
    public async Task ANameWithNoLettersForASlugNeedsAnExplicitSlug()
    {
        var before = await editing.Server.DumpDatabaseAsync();

        var errors = await editing.Editor.FailAsync("createPresenter", new { name = "\U0001F680\U0001F680" });

        Assert.Contains("\"path\":[\"input\",\"slug\"]", errors, StringComparison.Ordinal);
        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
    }

    [Theory]
    [InlineData("NUL", "Ali\0ce")]
    [InlineData("escape", "Ali\u001Bce")]
    [InlineData("backspace", "Ali\bce")]
    [InlineData("right-to-left override", "\u202Eevil\u202C title")]
    [InlineData("isolate", "\u2066x\u2069")]
    [InlineData("zero-width spaces only", "\u200B\u200B")]
    [InlineData("soft hyphen only", "\u00AD")]
    [InlineData("byte order mark only", "\uFEFF")]
    [InlineData("combining grapheme joiner only", "\u034F")]
    public async Task NamesWithControlCharactersAreAValidationError(string description, string name)
    {
        // PostgreSQL cannot store NUL in text; refusing every C0 control keeps all databases alike. Bidirectional
        // overrides reorder what is shown; a name of invisible characters only is no name.
        var before = await editing.Server.DumpDatabaseAsync();

        var errors = await editing.Editor.FailAsync("createPresenter", new { name, slug = "control-" + Guid.NewGuid().ToString("N") });

        Assert.Contains("\"__typename\":\"ValidationError\"", errors, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"input\",\"name\"]", errors, StringComparison.Ordinal);
        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
        Assert.NotEmpty(description);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
