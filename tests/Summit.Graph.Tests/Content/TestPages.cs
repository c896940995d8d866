using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>The pages embedded from <c>Content/Pages</c>: the 2021 seed page and a made-up edition in each other layout.</summary>
internal static class TestPages
{
    /// <summary>The made-up editions, named after their layouts.</summary>
    public static readonly TheoryData<string> LayoutSamples = new(["table-with-speakers", "inline-day-sections", "bold-italic-times", "schedule-only"]);

    /// <summary>Every page a reader must read back from its own export.</summary>
    public static readonly TheoryData<string> All = new(["kubevirt-summit-2021", "table-with-speakers", "inline-day-sections", "bold-italic-times", "schedule-only"]);

    public static string Markdown(string name)
    {
        using var stream = typeof(TestPages).Assembly.GetManifestResourceStream($"Pages.{name}.md")
            ?? throw new InvalidOperationException($"The page {name}.md is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PageReadResult Read(string name) => new PageReader().Read(Markdown(name));
}
