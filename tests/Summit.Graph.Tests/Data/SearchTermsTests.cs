using Summit.Graph.Data.Search;

namespace Summit.Graph.Tests.Data;

/// <summary>What the full-text engines are given: plain lower-case words, never their syntax; and the typo rule over names.</summary>
public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("Live Migration", "live migration")]
    [InlineData("\"prow\" NEAR(merging, 3) -gating *", "prow near merging 3 gating")]
    [InlineData("title:prow OR body:prow", "title prow or body")]
    [InlineData("Křepinský's  talk", "křepinský s talk")]
    [InlineData("\"*:-^()'\\", "")]
    [InlineData("", "")]
    public void QueryBecomesDistinctLowerCaseWords(string query, string words)
    {
        Assert.Equal(words, SearchTerms.Parse(query).Text);
    }

    [Theory]
    [InlineData("Daniel Hiller", "hiler", true)]
    [InlineData("Daniel Hiller", "hillers", true)]
    [InlineData("Daniel Hiller", "hollar", false)]
    [InlineData("Daniel Hiller", "danel hiller", true)]
    [InlineData("Daniel Hiller", "daniel redhat", false)]
    [InlineData("Or Mergi", "oz", false)]
    [InlineData("Or Mergi", "or", true)]
    [InlineData("Wilhelmina Quokkaperson", "quokkas", false)]
    public void NameIsNearWhenEveryWordIsAtMostOneEditFromANameWord(string name, string terms, bool near)
    {
        Assert.Equal(near, SearchTerms.NameIsNear(name, terms));
    }
}
