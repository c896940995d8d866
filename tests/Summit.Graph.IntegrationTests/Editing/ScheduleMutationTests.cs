using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>Editions, days and slots: each mutation's success and each of its expected errors.</summary>
public sealed class ScheduleMutationTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private Editor Editor => editing.Editor;

    [Fact]
    public async Task DaysAreAddedUpdatedAndRemoved()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var added = await Editor.SucceedAsync("addDay", new { eventId, startsAt = "2021-02-11T13:00:00Z", endsAt = "2021-02-11T18:00:00Z" }, "day { id date startsAt endsAt version }");
        var id = added["day"].Text("id");
        var updated = await Editor.SucceedAsync("updateDay", new { id, version = 1, endsAt = "2021-02-11T20:00:00Z" }, "day { date startsAt endsAt version }");
        var removed = await Editor.SucceedAsync("removeDay", new { id, version = 2 }, "day { id }");

        Assert.Equal($$"""{"id":"{{id}}","date":"2021-02-11","startsAt":"2021-02-11T13:00:00Z","endsAt":"2021-02-11T18:00:00Z","version":1}""", added["day"].AsJson());
        Assert.Equal("""{"date":"2021-02-11","startsAt":"2021-02-11T13:00:00Z","endsAt":"2021-02-11T20:00:00Z","version":2}""", updated["day"].AsJson());
        Assert.Equal("null", removed["day"].AsJson());
        Assert.Equal(["2021-02-09", "2021-02-10"], (await Editor.EventAsync())["days"]!.AsArray().Select(d => d.Text("date")));
    }

    [Fact]
    public async Task DayErrors()
    {
        var ev = await Editor.EventAsync();
        var firstDay = ev["days"]![0]!;

        var endsBeforeStart = await Editor.FailAsync("addDay", new { eventId = ev.Text("id"), startsAt = "2021-03-02T14:00:00Z", endsAt = "2021-03-02T13:00:00Z" });
        var sameDate = await Editor.FailAsync("addDay", new { eventId = ev.Text("id"), startsAt = "2021-02-09T08:00:00Z", endsAt = "2021-02-09T10:00:00Z" });
        var slotOutside = await Editor.FailAsync("updateDay", new { id = firstDay.Text("id"), version = firstDay.Number("version"), startsAt = "2021-02-09T15:00:00Z" });
        var withSlots = await Editor.FailAsync("removeDay", new { id = firstDay.Text("id"), version = firstDay.Number("version") });
        var stale = await Editor.FailAsync("removeDay", new { id = firstDay.Text("id"), version = firstDay.Number("version") + 1 });
        var missing = await Editor.FailAsync("addDay", new { eventId = GlobalId.Encode("Event", 9999), startsAt = "2021-03-02T14:00:00Z", endsAt = "2021-03-02T15:00:00Z" });

        Assert.Equal("""[{"__typename":"ValidationError","message":"A day must end after it starts.","path":["input","endsAt"]}]""", endsBeforeStart);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The edition already has a day on 2021-02-09.","path":["input","startsAt"]}]""", sameDate);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot from 14:00 to 14:30Z would fall outside the day; move it first.","path":["input","startsAt"]}]""", slotOutside);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The day still has 10 slots; remove them first.","path":["input","id"]}]""", withSlots);
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
        Assert.Equal(ev.AsJson(), (await Editor.EventAsync()).AsJson());
    }

    [Fact]
    public async Task SlotsAreAddedMovedResizedAndRemovedWithParallelTracksAllowedToOverlap()
    {
        var dayId = await EveryMutation.AddDayAsync(Editor, "2021-04-01");
        const string Slot = "slot { startsAt endsAt track version }";

        var main = await Editor.SucceedAsync("addSlot", new { dayId, startsAt = "2021-04-01T14:00:00Z", endsAt = "2021-04-01T14:30:00Z" }, "slot { id }");
        var parallel = await Editor.SucceedAsync("addSlot", new { dayId, startsAt = "2021-04-01T14:00:00Z", endsAt = "2021-04-01T15:00:00Z", track = "Lab" }, Slot);
        var id = main["slot"].Text("id");
        var moved = await Editor.SucceedAsync("moveSlot", new { id, version = 1, startsAt = "2021-04-01T16:00:00Z" }, Slot);
        var resized = await Editor.SucceedAsync("resizeSlot", new { id, version = 2, endsAt = "2021-04-01T17:00:00Z" }, Slot);
        var removed = await Editor.SucceedAsync("removeSlot", new { id, version = 3 }, "slot { id }");

        Assert.Equal("""{"startsAt":"2021-04-01T14:00:00Z","endsAt":"2021-04-01T15:00:00Z","track":"Lab","version":1}""", parallel["slot"].AsJson());
        Assert.Equal("""{"startsAt":"2021-04-01T16:00:00Z","endsAt":"2021-04-01T16:30:00Z","track":null,"version":2}""", moved["slot"].AsJson());
        Assert.Equal("""{"startsAt":"2021-04-01T16:00:00Z","endsAt":"2021-04-01T17:00:00Z","track":null,"version":3}""", resized["slot"].AsJson());
        Assert.Equal("null", removed["slot"].AsJson());
    }

    [Fact]
    public async Task SlotErrors()
    {
        var ev = await Editor.EventAsync();
        var day = ev["days"]![0]!;
        var first = day["slots"]![0]!;
        var second = day["slots"]![1]!;

        var overlap = await Editor.FailAsync("addSlot", new { dayId = day.Text("id"), startsAt = "2021-02-09T14:15:00Z", endsAt = "2021-02-09T14:45:00Z" });
        var outside = await Editor.FailAsync("addSlot", new { dayId = day.Text("id"), startsAt = "2021-02-09T19:00:00Z", endsAt = "2021-02-09T19:30:00Z", track = "Late" });
        var backwards = await Editor.FailAsync("resizeSlot", new { id = first.Text("id"), version = first.Number("version"), endsAt = "2021-02-09T13:00:00Z" });
        var moveOnto = await Editor.FailAsync("moveSlot", new { id = first.Text("id"), version = first.Number("version"), startsAt = second.Text("startsAt") });
        var withSessions = await Editor.FailAsync("removeSlot", new { id = first.Text("id"), version = first.Number("version") });
        var stale = await Editor.FailAsync("moveSlot", new { id = first.Text("id"), version = first.Number("version") + 1, startsAt = "2021-02-09T14:00:00Z" });
        var missing = await Editor.FailAsync("removeSlot", new { id = GlobalId.Encode("Slot", 9999), version = 1 });

        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot overlaps the slot from 14:00 to 14:30Z on the same track; use another track for parallel sessions.","path":["input","startsAt"]}]""", overlap);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot must lie within its day, 2021-02-09T14:00Z to 2021-02-09T19:00Z.","path":["input","startsAt"]}]""", outside);
        Assert.Equal("""[{"__typename":"ValidationError","message":"A slot must end after it starts.","path":["input","endsAt"]}]""", backwards);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot overlaps the slot from 14:30 to 15:00Z on the same track; use another track for parallel sessions.","path":["input","startsAt"]}]""", moveOnto);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot still holds sessions; move or unschedule them first.","path":["input","id"]}]""", withSessions);
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
        Assert.Equal(ev.AsJson(), (await Editor.EventAsync()).AsJson());
    }

    [Fact]
    public async Task UpdateEventAndSetSponsorsChangeTheEditionAndRecordTheFullPreviousContent()
    {
        var ev = await Editor.EventAsync();
        await Editor.SucceedAsync("setEventSponsors", new { id = ev.Text("id"), version = ev.Number("version"), sponsors = new[] { new { name = "Red Hat", url = "https://redhat.com" }, new { name = "CNCF", url = "https://cncf.io" } } });

        var updated = await Editor.SucceedAsync("updateEvent",
            new { id = ev.Text("id"), version = ev.Number("version") + 1, name = "KubeVirt Summit '21", slotMinutes = 25, description = "About *it*" },
            "event { name slotMinutes description { markdown html } sponsors { name url } version }");
        var revision = await editing.Server.WithDatabaseAsync(db => Task.FromResult(db.Revisions.Where(r => r.EntityType == "Event").OrderByDescending(r => r.Id).First()));

        Assert.Equal(
            $$"""{"name":"KubeVirt Summit '21","slotMinutes":25,"description":{"markdown":"About *it*","html":"<p>About <em>it</em></p>"},"sponsors":[{"name":"Red Hat","url":"https://redhat.com"},{"name":"CNCF","url":"https://cncf.io"}],"version":{{ev.Number("version") + 2}}}""",
            updated["event"].AsJson());
        Assert.Equal(("name,description,slotMinutes", "alice"), (revision.ChangedFields, revision.Author));
        Assert.Contains("\"sponsors\":[{\"name\":\"Red Hat\",\"url\":\"https://redhat.com\"},{\"name\":\"CNCF\",\"url\":\"https://cncf.io\"}]", revision.PreviousContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventErrors()
    {
        var ev = await Editor.EventAsync();

        var invalid = await Editor.FailAsync("updateEvent", new { id = ev.Text("id"), version = ev.Number("version"), name = "", slotMinutes = 2 });
        var badSponsor = await Editor.FailAsync("setEventSponsors", new { id = ev.Text("id"), version = ev.Number("version"), sponsors = new[] { new { name = "Ok", url = "https://ok.example" }, new { name = " ", url = "javascript:x" } } });
        var stale = await Editor.FailAsync("setEventSponsors", new { id = ev.Text("id"), version = ev.Number("version") + 5, sponsors = Array.Empty<object>() });
        var missing = await Editor.FailAsync("updateEvent", new { id = GlobalId.Encode("Event", 9999), version = 1, name = "x" });

        Assert.Equal(
            """[{"__typename":"ValidationError","message":"Must not be empty.","path":["input","name"]},{"__typename":"ValidationError","message":"Must be between 5 and 480 minutes.","path":["input","slotMinutes"]}]""",
            invalid);
        Assert.Equal(
            """[{"__typename":"ValidationError","message":"Must not be empty.","path":["input","sponsors","1","name"]},{"__typename":"ValidationError","message":"'javascript:x' is not an absolute http or https URL.","path":["input","sponsors","1","url"]}]""",
            badSponsor);
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
        Assert.Equal(ev.AsJson(), (await Editor.EventAsync()).AsJson());
    }
}
