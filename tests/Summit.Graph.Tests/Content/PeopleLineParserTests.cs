using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

public sealed class PeopleLineParserTests
{
    [Fact]
    public void ReadsNameJobTitleCompanyAndHandles()
    {
        var person = PeopleLineParser.Parse("Alessandro Pilotti, CEO/CTO, Cloudbase Solutions, [@cloudbaseit](https://twitter.com/cloudbaseit), <https://github.com/alexpilotti/>");

        Assert.Equal(new PersonMention("Alessandro Pilotti", "CEO/CTO", "Cloudbase Solutions", "cloudbaseit", "alexpilotti", null, null), person);
    }

    [Fact]
    public void LonePartAfterTheNameIsTheCompanyAsPrinted()
    {
        Assert.Equal(new PersonMention("Le Yao", null, "Intel SSE/CSE", null, null, null, null), PeopleLineParser.Parse("Le Yao, Intel SSE/CSE"));
        Assert.Equal(new PersonMention("Michael Henriksen", null, "Red Hat", null, "mhenriks", null, null), PeopleLineParser.Parse("Michael Henriksen, Red Hat, <https://github.com/mhenriks>"));
    }

    [Fact]
    public void JobTitlesMayHoldSeveralCommaParts()
    {
        var person = PeopleLineParser.Parse("Ada Example, Staff Engineer, Networking, Example Corp, Ltd.");

        Assert.Equal(new PersonMention("Ada Example", "Staff Engineer, Networking", "Example Corp, Ltd.", null, null, null, null), person);
    }

    [Fact]
    public void InitialsAreNotSentenceEnds()
    {
        Assert.Equal("John F. Smith", PeopleLineParser.Parse("John F. Smith, Red Hat")?.Name);
    }

    [Fact]
    public void OtherLinksBecomeTheWebsite()
    {
        var person = PeopleLineParser.Parse("Ada Example, Example Corp, [blog](https://ada.example.org/), [LinkedIn](https://www.linkedin.com/in/ada/), [@ada](https://x.com/ada)");

        Assert.Equal(new PersonMention("Ada Example", null, "Example Corp", "ada", null, "https://www.linkedin.com/in/ada/", "https://ada.example.org/"), person);
    }

    [Fact]
    public void LineWithoutTextNamesNobody()
    {
        Assert.Null(PeopleLineParser.Parse(" , "));
    }

    [Theory]
    [InlineData("Joël Séguillon", "joel-seguillon")]
    [InlineData("Filip Křepinský", "filip-krepinsky")]
    [InlineData("Nahshon Unna-Tsametet", "nahshon-unna-tsametet")]
    [InlineData("Welcome to the KubeVirt Summit!", "welcome-to-the-kubevirt-summit")]
    [InlineData("Konveyor's Forklift", "konveyors-forklift")]
    public void SlugsAreLowercaseAscii(string text, string slug)
    {
        Assert.Equal(slug, Slugs.From(text, "person"));
    }

    [Theory]
    [InlineData("Ravi Menon &  Li Wei", "Ravi Menon|; Li Wei|")]
    [InlineData("Amara Okafor, Lucía Ferrer and Pavel Novak", "Amara Okafor|; Lucía Ferrer|; Pavel Novak|")]
    [InlineData("Jonas Berg, Acme Hosting & Mei Lin, Acme Hosting", "Jonas Berg|Acme Hosting; Mei Lin|Acme Hosting")]
    [InlineData("Jonas Berg, Acme Hosting and Mei Lin, Example Cloud", "Jonas Berg|Acme Hosting; Mei Lin|Example Cloud")]
    [InlineData("Aiko Tanaka", "Aiko Tanaka|")]
    public void NameListsGiveEachPersonTheirOwnCompanyWhenTheyWriteOne(string text, string people)
    {
        Assert.Equal(people, string.Join("; ", PeopleLineParser.ParseNames(text).Select(person => $"{person.Name}|{person.Company}")));
    }
}
