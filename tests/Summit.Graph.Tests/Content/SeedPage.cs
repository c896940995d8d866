using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>The 2021 seed page, embedded from the server's Seed folder, and its reading.</summary>
internal static class SeedPage
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(SeedPage).Assembly.GetManifestResourceStream("Pages.kubevirt-summit-2021.md")
            ?? throw new InvalidOperationException("The seed page is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Markdown => Text.Value;

    public static PageReadResult Read() => new PageReader().Read(Markdown);

    public static SessionContent Session(this PageReadResult result, string slug) =>
        result.Event.Sessions.Single(session => session.Slug == slug);
}
