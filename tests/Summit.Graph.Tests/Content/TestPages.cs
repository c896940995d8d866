using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>The pages embedded from <c>Content/Pages</c>: the 2021 seed page and a made-up edition in each other layout.</summary>
internal static class TestPages
{
    /// <summary>The made-up editions (copies of <c>shared/layouts/</c>), each with the layout it is written in.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleLayouts = new Dictionary<string, string>
    {
        ["table-with-speakers"] = "table-with-speakers",
        ["inline-day-sections"] = "inline-day-sections",
        ["prose-dates-only"] = "inline-day-sections",
        ["bold-italic-times"] = "bold-italic-times",
        ["bold-time-no-speakers"] = "bold-italic-times",
        ["schedule-only"] = "schedule-only",
        ["announced-no-schedule"] = "announced",
    };

    /// <summary>The made-up editions by name.</summary>
    public static readonly TheoryData<string> LayoutSamples = new(SampleLayouts.Keys);

    /// <summary>Every page a reader must read back from its own export.</summary>
    public static readonly TheoryData<string> All = new(SampleLayouts.Keys.Prepend("kubevirt-summit-2021"));

    public static string Markdown(string name)
    {
        using var stream = typeof(TestPages).Assembly.GetManifestResourceStream($"Pages.{name}.md")
            ?? throw new InvalidOperationException($"The page {name}.md is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PageReadResult Read(string name) => new PageReader().Read(Markdown(name));
}
