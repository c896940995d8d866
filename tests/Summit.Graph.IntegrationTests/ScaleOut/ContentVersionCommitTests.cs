using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.ScaleOut;

/// <summary>
/// Every writer raises the stored content version inside the transaction of its change, so the two commit together:
/// a server that crashes, or whose database fails, right after its commit cannot leave the other instances serving
/// answers from before the change (they follow that version). Checked where it matters, inside the committing
/// transaction (<see cref="CommitProbe"/>): a raise made after the commit, as before, is not there yet.
/// </summary>
public sealed class ContentVersionCommitTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private SummitServer Server => editing.Server;

    [Fact]
    public async Task AMutationCommitsItsContentVersionWithIt()
    {
        var before = await StoredAsync();
        var session = await editing.Editor.SessionAsync("hotplug");

        Server.CommitProbe.Arm();
        await editing.Editor.SucceedAsync("updateSession", new { id = session.Text("id"), version = session.Number("version"), title = "Hotplug, committed with its version" });
        var seen = Server.CommitProbe.Disarm();

        Assert.Contains((before.Version + 1, before.PublicVersion + 1), seen);
    }

    [Fact]
    public async Task AnImportCommitsItsContentVersionWithIt()
    {
        var before = await StoredAsync();
        var page = await File.ReadAllTextAsync(RepositoryFiles.PathOf(Path.Combine("tests", "Summit.Graph.Tests", "Content", "Pages", "inline-day-sections.md")));

        Server.CommitProbe.Arm();
        var summary = await Server.Services.ImportAsync(Server.Services.GetRequiredService<PageReader>().Read(page).Event, new ImportOptions("inline-day-sections.md"));
        var seen = Server.CommitProbe.Disarm();

        Assert.True(summary.RowsChanged > 0);
        Assert.Contains((before.Version + 1, before.PublicVersion + 1), seen);
    }

    private Task<(long Version, long PublicVersion)> StoredAsync() =>
        Server.WithDatabaseAsync(db => ContentVersionStore.ReadAsync(db, CancellationToken.None));
}
