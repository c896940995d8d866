using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Content.Writing;

namespace Summit.Graph.Tests.Content;

public sealed partial class PageWriterTests
{
    [Theory]
    [MemberData(nameof(TestPages.All), MemberType = typeof(TestPages))]
    public void ReadingTheExportedPageGivesBackTheSameContent(string name)
    {
        var content = TestPages.Read(name).Event;

        var reread = new PageReader().Read(ProgrammePageWriter.Write(content));

        Assert.Equal(ProgrammePageWriter.Layout, reread.Layout);
        Assert.Equal(WithoutLineNumbers(content), WithoutLineNumbers(reread.Event));
    }

    [Fact]
    public void ExportingTheSeedPageReproducesItUpToWhitespace()
    {
        var exported = ProgrammePageWriter.Write(SeedPage.Read().Event);

        Assert.Equal(NormalisedWhitespace(SeedPage.Markdown), NormalisedWhitespace(exported));
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

    /// <summary>The content as JSON without the page line numbers, which only locate diagnostics.</summary>
    internal static string WithoutLineNumbers(EventContent content)
    {
        var json = JsonSerializer.SerializeToNode(content)!;
        RemoveLines(json);
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void RemoveLines(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("Line");
                foreach (var (_, value) in obj)
                {
                    RemoveLines(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveLines(item);
                }

                break;
        }
    }

    /// <summary>Lines trimmed, runs of spaces made one, blank lines dropped: Markdown tables padded differently render the same.</summary>
    private static string NormalisedWhitespace(string markdown) =>
        string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n')
            .Select(line => Spaces().Replace(line.Trim(), " "))
            .Where(line => line.Length > 0));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
