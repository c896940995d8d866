using Summit.Graph.Content;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>Invisible characters and decomposed accents pasted into a page change nothing that is read from it.</summary>
public sealed class TextNormalizationTests
{
    public static TheoryData<string> InvisibleCharacters => new(["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E", "\u202E", "\u2066"]);

    [Theory]
    [MemberData(nameof(InvisibleCharacters))]
    public void InvisibleCharactersNeverReachNamesCompaniesHandlesUrlsOrTitles(string invisible)
    {
        var page = SeedPage.Markdown
            .Replace("<https://github.com/dhiller>", $"<https://github.com/dhill{invisible}er{invisible}>", StringComparison.Ordinal)
            .Replace("[@dhill3r](https://twitter.com/dhill3r)", $"[@dhill3r](https://twitter.com/{invisible}dhill3r)", StringComparison.Ordinal)
            .Replace("(https://youtu.be/BX0k5jnyNag)", $"(https://youtu.be/BX0k5jnyNag{invisible})", StringComparison.Ordinal)
            .Replace("Presenter: Daniel Hiller, Senior", $"Presenter: Dani{invisible}el Hiller{invisible}, Senior", StringComparison.Ordinal)
            .Replace("Cloudbase Solutions, [@gabriel_samfira]", $"Cloud{invisible}base Solutions, [@gabriel_samfira]", StringComparison.Ordinal);
        Assert.NotEqual(SeedPage.Markdown, page);

        var read = new PageReader().Read(page);

        Assert.Equal(ContentComparison.WithoutLineNumbers(SeedPage.Read().Event), ContentComparison.WithoutLineNumbers(read.Event));
    }

    [Fact]
    public void DecomposedAccentsReadAsTheComposedLetters()
    {
        var decomposed = SeedPage.Markdown
            .Replace("Joël Séguillon", "Joe\u0308l Se\u0301guillon", StringComparison.Ordinal)
            .Replace("Filip Křepinský", "Filip Kr\u030Cepinsky\u0301", StringComparison.Ordinal);
        Assert.NotEqual(SeedPage.Markdown, decomposed);

        var read = new PageReader().Read(decomposed);

        Assert.Equal(ContentComparison.WithoutLineNumbers(SeedPage.Read().Event), ContentComparison.WithoutLineNumbers(read.Event));
    }

    [Theory]
    [InlineData("Jose\u0301phine", "Joséphine")]
    [InlineData("  Ada\u200B Example\u200D ", "Ada Example")]
    [InlineData("https://github.com/ada\u200B", "https://github.com/ada")]
    [InlineData("\u202Eelpmaxe\u202C", "elpmaxe")]
    [InlineData("Nguye\u0302\u0303n Vie\u0323\u0302t", "Nguyễn Việt")]
    [InlineData("\u1100\u1161\u11A8 \u1112\u1161\u11AB", "각 한")]
    [InlineData("\u212Bngstr\u00F6m", "Ångström")]
    [InlineData("Already clean", "Already clean")]
    public void CleanTextIsComposedAndHoldsNoInvisibleCharacter(string text, string clean)
    {
        Assert.Equal(clean, TextNormalization.Clean(text));
    }
}
