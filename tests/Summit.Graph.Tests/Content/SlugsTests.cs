using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("ΔΟΚΙΜΗ 1", "dokimi-1")]
    [InlineData("Тестовый доклад", "testovyy-doklad")]
    [InlineData("Żółć i KubeVirt", "zolc-i-kubevirt")]
    [InlineData("Straße über Brücken", "strasse-uber-brucken")]
    [InlineData("虚拟机 on Kubernetes", "xuniji-on-kubernetes")]
    [InlineData("仮想マシン", "fanxiangmashin")]
    [InlineData("עברית ו-KubeVirt", "vryt-v-kubevirt")]
    [InlineData("Jose\u0301phine Ærø", "josephine-aero")]
    public void TitlesInAnyScriptAreTransliterated(string text, string slug)
    {
        Assert.Equal(slug, Slugs.From(text, "session"));
    }

    [Theory]
    [InlineData("2021", "session-2021")]
    [InlineData("1 — 2", "session-1-2")]
    [InlineData("!!! 42 !!!", "session-42")]
    public void ASlugIsNeverDigitsOnly(string text, string slug)
    {
        Assert.Equal(slug, Slugs.From(text, "session"));
    }

    [Theory]
    [InlineData("Ada\u200B Example", "ada-example")]
    [InlineData("Ada\u200BExample", "adaexample")]
    [InlineData("\uFEFFAda Exam\u00ADple\u2060", "ada-example")]
    [InlineData("\u202EAda Example\u202C", "ada-example")]
    public void InvisibleCharactersNeverReachASlug(string text, string slug)
    {
        Assert.Equal(slug, Slugs.From(text, "person"));
    }

    [Fact]
    public void TextOfNothingTransliterableGivesAnEmptySlugForTheCallerToRefuse()
    {
        Assert.Equal("", Slugs.From("— · —", "session"));
    }
}
