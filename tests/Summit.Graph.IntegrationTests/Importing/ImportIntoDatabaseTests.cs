using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Model;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data.Import;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Importing;

/// <summary>
/// Imports into a server of its own (its own SQLite file), so the edits never reach the shared server
/// the other integration tests read.
/// </summary>
public sealed class ImportIntoDatabaseTests : IDisposable
{
    private readonly SummitServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task ReimportingTheBundledPageChangesNoRowAndNoVersion()
    {
        var before = await RowsAsync();

        var summary = await ImportAsync(EditedPage.Bundled);

        Assert.Equal(new ImportSummary("kubevirt-summit-2021", 2, 20, 20, 26, 43, 0), summary with { LikelyDuplicates = [], Notes = [], Removals = [], Changes = [] });
        Assert.Empty(summary.LikelyDuplicates);
        Assert.Empty(summary.Notes);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task EditedPageUpdatesExactlyTheEditedRowsInPlace()
    {
        var before = await RowsAsync();
        var tektonSlides = before.Single(row => row.Table == "Link" && row.Key == "tekton Slides");
        var tektonRecording = before.Single(row => row.Table == "Link" && row.Key == "tekton Recording");

        var summary = await ImportAsync(EditedPage.WithFiveEdits());

        // The five edits, the removed slides link, and Karel Simon's person line in his session.
        Assert.Equal(7, summary.RowsChanged);
        var after = await RowsAsync();
        var addedReference = after.Single(row => row.Table == "Link" && row.Key == "harvester Harvester");
        Assert.Equal(1, addedReference.Version);
        Assert.DoesNotContain(after, row => row.Table == "Link" && row.Id == tektonSlides.Id);
        Assert.Contains(tektonRecording, after);
        var changed = new[] { ("Session", "hotplug"), ("Session", "road-v1"), ("Session", "vfx"), ("Presenter", "karel-simon") };
        foreach (var (table, key) in changed)
        {
            var old = before.Single(row => row.Table == table && row.Key == key);
            var updated = after.Single(row => row.Table == table && row.Key == key);
            Assert.Equal((old.Id, old.Version + 1), (updated.Id, updated.Version));
            Assert.True(updated.UpdatedAt > old.UpdatedAt, $"{table} {key} keeps its UpdatedAt.");
        }

        var untouched = before.Where(row => row != tektonSlides && !changed.Contains((row.Table, row.Key))).ToList();
        Assert.Equal(untouched, after.Where(row => row != addedReference && !changed.Contains((row.Table, row.Key))).ToList());
    }

    [Fact]
    public async Task ReadApiShowsTheEditsOfAnImportedPage()
    {
        await ImportAsync(EditedPage.WithFiveEdits());

        var data = await server.QueryAsync("""
            {
              hotplug: session(slug: "hotplug") { title }
              tekton: session(slug: "tekton") { links { kind label } }
              harvester: session(slug: "harvester") { links { kind label url } }
              roadV1: session(slug: "road-v1") { slot { startsAt } }
              vfx: session(slug: "vfx") { slot { startsAt } }
              presenter(slug: "karel-simon") { company }
            }
            """);

        Assert.Equal("Volume Hotplug in KubeVirt, revisited", data["hotplug"]!["title"]!.GetValue<string>());
        Assert.Equal("""[{"kind":"RECORDING","label":"Recording"}]""", data["tekton"]!["links"]!.ToJsonString());
        Assert.Equal("""{"kind":"REFERENCE","label":"Harvester","url":"https://github.com/harvester/harvester"}""", data["harvester"]!["links"]![2]!.ToJsonString());
        Assert.Equal("2021-02-10T18:00:00Z", data["roadV1"]!["slot"]!["startsAt"]!.GetValue<string>());
        Assert.Equal("2021-02-10T17:30:00Z", data["vfx"]!["slot"]!["startsAt"]!.GetValue<string>());
        Assert.Equal("IBM", data["presenter"]!["company"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReimportingTheBundledPageRestoresAnEditedDatabase()
    {
        await ImportAsync(EditedPage.WithFiveEdits());

        var summary = await ImportAsync(EditedPage.Bundled);

        Assert.Equal(7, summary.RowsChanged);
        var titles = await server.WithDatabaseAsync(db => db.Sessions.Where(s => s.Slug == "hotplug").Select(s => s.Title).ToListAsync());
        Assert.Equal(["Introducing Volume Hotplug in KubeVirt"], titles);
    }

    [Fact]
    public async Task SessionMovedToANewTimeLeavesNoEmptySlotBehind()
    {
        var before = await RowsAsync();

        var summary = await ImportAsync(EditedPage.WithOfficeHoursAtSeven());

        // Added: the 19:00 slot. Deleted: the 18:30 slot. Changed: the session, the day's end and the
        // 18:00 slot, which now runs until the next start time, 19:00.
        Assert.Equal(5, summary.RowsChanged);
        Assert.Equal(20, summary.Slots);
        var after = await RowsAsync();
        Assert.DoesNotContain(after, row => row.Table == "Slot" && row.Key == "2021-02-10T18:30:00.0000000Z");
        var newSlot = after.Single(row => row.Table == "Slot" && row.Key == "2021-02-10T19:00:00.0000000Z");
        var session = after.Single(row => row.Table == "Session" && row.Key == "office-hours");
        Assert.Equal(before.Single(row => row.Table == "Session" && row.Key == "office-hours").Id, session.Id);
        Assert.EndsWith($"|{newSlot.Id}", session.Values, StringComparison.Ordinal);
        var data = await server.QueryAsync("{ days { date slots { startsAt } } }");
        Assert.Equal(10, data["days"]![1]!["slots"]!.AsArray().Count);
        Assert.Equal("2021-02-10T19:00:00Z", data["days"]![1]!["slots"]![9]!["startsAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task SessionTakenOffThePageIsDeletedWithItsSlotLinksAndPresenterParts()
    {
        var summary = await ImportAsync(EditedPage.WithoutCapabilities());

        Assert.Equal((19, 19), (summary.Sessions, summary.Slots));
        var left = await server.WithDatabaseAsync(async db => (
            await db.Sessions.CountAsync(s => s.Slug == "capabilities"),
            await db.Links.CountAsync(l => l.SessionId == null && l.EventId == null),
            await db.SessionPresenters.CountAsync(sp => sp.Session!.Slug == "capabilities"),
            await db.Sessions.CountAsync(s => s.SlotId == null)));
        Assert.Equal((0, 0, 0, 0), left);
        var data = await server.QueryAsync("""{ session(slug: "capabilities") { title } }""");
        Assert.Null(data["session"]);
    }

    [Fact]
    public async Task FailingImportLeavesTheDatabaseUnchanged()
    {
        var before = await RowsAsync();
        var edited = Read(EditedPage.WithFiveEdits());
        var slotEndingAsItStarts = new SlotContent(new DateTime(2021, 2, 11, 14, 0, 0, DateTimeKind.Utc), new DateTime(2021, 2, 11, 14, 0, 0, DateTimeKind.Utc), [], Line: 0);
        var broken = edited with { Days = [.. edited.Days, new DayContent(new DateOnly(2021, 2, 11), [slotEndingAsItStarts])] };

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => server.Services.ImportAsync(broken, AllowingRemovals));

        Assert.Contains("CK_Slots_EndsAfterStart", failure.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync());
    }

    private static readonly ImportOptions AllowingRemovals = new("edited.md") { AllowRemovals = true };

    private EventContent Read(string markdown) => server.Services.GetRequiredService<PageReader>().Read(markdown).Event;

    /// <summary>Imports as an operator who asked for removals: these tests are about what the import writes.</summary>
    private Task<ImportSummary> ImportAsync(string markdown) => server.Services.ImportAsync(Read(markdown), AllowingRemovals);

    /// <summary>Every row of the edition with its identity and version, in a stable order.</summary>
    private Task<List<RowState>> RowsAsync() => server.WithDatabaseAsync(async db =>
    {
        var rows = new List<RowState>();
        rows.AddRange((await db.Events.ToListAsync()).Select(e => new RowState("Event", e.Slug, e.Id, e.Version, e.UpdatedAt)));
        rows.AddRange((await db.Days.ToListAsync()).Select(d => new RowState("Day", $"{d.Date:yyyy-MM-dd}", d.Id, d.Version, d.UpdatedAt)));
        rows.AddRange((await db.Slots.ToListAsync()).Select(s => new RowState("Slot", $"{s.StartsAt:O}", s.Id, s.Version, s.UpdatedAt)));
        rows.AddRange((await db.Sessions.ToListAsync()).Select(s => new RowState("Session", s.Slug, s.Id, s.Version, s.UpdatedAt, $"{s.Title}|{s.SlotId}")));
        rows.AddRange((await db.Presenters.ToListAsync()).Select(p => new RowState("Presenter", p.Slug, p.Id, p.Version, p.UpdatedAt, p.Company)));
        rows.AddRange((await db.Links.Include(l => l.Session).ToListAsync())
            .Select(l => new RowState("Link", $"{l.Session?.Slug ?? "event"} {l.Label}", l.Id, l.Version, l.UpdatedAt, $"{l.Position}|{l.Url}")));
        rows.AddRange((await db.SessionPresenters.ToListAsync())
            .Select(sp => new RowState("SessionPresenter", $"{sp.SessionId}-{sp.PresenterId}", 0, 0, default, $"{sp.Role}|{sp.Position}")));
        rows.AddRange((await db.Sponsors.ToListAsync()).Select(s => new RowState("Sponsor", s.Name, s.Id, 0, default, $"{s.Position}|{s.Url}")));
        return rows.OrderBy(row => row.Table, StringComparer.Ordinal).ThenBy(row => row.Key, StringComparer.Ordinal).ThenBy(row => row.Id).ToList();
    });

    private sealed record RowState(string Table, string Key, int Id, int Version, DateTime UpdatedAt, string? Values = null);
}
