using Summit.Graph.Content.Reading;
using Summit.Graph.Content.Writing;

namespace Summit.Graph.Tests.Content;

public sealed class PageWriterTests
{
    [Theory]
    [MemberData(nameof(TestPages.All), MemberType = typeof(TestPages))]
    public void ReadingTheExportedPageGivesBackTheSameContent(string name)
    {
        var content = TestPages.Read(name).Event;

        var reread = new PageReader().Read(ProgrammePageWriter.Write(content));

        Assert.Equal(content.Sessions.Count == 0 ? "announced" : ProgrammePageWriter.Layout, reread.Layout);
        Assert.Equal(ContentComparison.WithoutLineNumbers(content), ContentComparison.WithoutLineNumbers(reread.Event));
    }

    [Fact]
    public void ExportingTheSeedPageReproducesItUpToWhitespace()
    {
        var exported = ProgrammePageWriter.Write(SeedPage.Read().Event);

        Assert.Equal(ContentComparison.NormalisedWhitespace(SeedPage.Markdown), ContentComparison.NormalisedWhitespace(exported));
    }

    [Fact]
    public void SlotsThatDoNotEndWhenTheNextStartsPrintTheirEnd()
    {
        var exported = ProgrammePageWriter.Write(TestPages.Read("inline-day-sections").Event);

        Assert.Contains("| 12/Apr | 13:00-13:25 | [Opening remarks and the road to the next release](#opening-remarks-and-the-road-to-the-next-release) |", exported, StringComparison.Ordinal);
        Assert.Contains("|  | 14:30-15:20 | [Storage offload for VM disks](#storage-offload-for-vm-disks) |", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void EditedPersonDetailsReplaceTheLineThePageWrote()
    {
        var content = SeedPage.Read().Event;
        var prow = content.Sessions.Single(session => session.Slug == "prow");
        var hiller = prow.People[0] with { Person = prow.People[0].Person with { Company = "IBM" } };
        var edited = content with
        {
            Sessions = [.. content.Sessions.Select(session => session.Slug == "prow" ? session with { People = [hiller] } : session)],
        };

        var exported = ProgrammePageWriter.Write(edited);

        Assert.Contains("Presenter: Daniel Hiller, Senior Software Engineer OpenShift Virtualization, IBM, [@dhill3r](https://twitter.com/dhill3r), <https://github.com/dhiller>", exported, StringComparison.Ordinal);
        Assert.Contains("Presenter: Karel Simon, Software Engineer, Red Hat", exported, StringComparison.Ordinal);
    }
}
