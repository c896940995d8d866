using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>The 2021 seed page, embedded from the server's Seed folder, and its reading.</summary>
internal static class SeedPage
{
    private static readonly Lazy<string> Text = new(() => TestPages.Markdown("kubevirt-summit-2021"));

    /// <summary>The report's line on where the dates were read from.</summary>
    public const string DatesReport = "The edition's dates, 2021-02-09 to 2021-02-10, are read from 'February 9 and 10, 2021' on this line.";

    public static string Markdown => Text.Value;

    public static PageReadResult Read() => new PageReader().Read(Markdown);

    public static SessionContent Session(this PageReadResult result, string slug) =>
        result.Event.Sessions.Single(session => session.Slug == slug);
}
