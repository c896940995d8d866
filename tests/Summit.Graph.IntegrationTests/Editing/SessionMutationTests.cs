using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>Each session mutation's success and each of its expected errors.</summary>
public sealed class SessionMutationTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string Fields = "session { slug title programmeTitle kind status version abstract { markdown html } }";

    private Editor Editor => editing.Editor;

    private static string Missing(string type) => GlobalId.Encode(type, 9999);

    [Fact]
    public async Task CreateSessionMakesADraftWithASlugFromTheTitle()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var payload = await Editor.SucceedAsync("createSession", new { eventId, title = "  Live Migration, Über Fast!  " }, Fields);

        Assert.Equal(
            """{"slug":"live-migration-uber-fast","title":"Live Migration, Über Fast!","programmeTitle":null,"kind":"TALK","status":"DRAFT","version":1,"abstract":{"markdown":"","html":""}}""",
            payload["session"].AsJson());
    }

    [Fact]
    public async Task CreateSessionReportsEveryBrokenRuleWithItsPath()
    {
        var errors = await Editor.FailAsync("createSession", new { eventId = "not-an-id", title = " ", slug = "Not A Slug" });

        Assert.Equal(
            """[{"__typename":"ValidationError","message":"'not-an-id' is not the ID of a Event.","path":["input","eventId"]},"""
            + """{"__typename":"ValidationError","message":"Must not be empty.","path":["input","title"]},"""
            + """{"__typename":"ValidationError","message":"'Not A Slug' is not a slug: use 1 to 100 lower-case letters, digits and single dashes, with a letter, like 'volume-hotplug'.","path":["input","slug"]}]""",
            errors);
    }

    [Fact]
    public async Task CreateSessionRefusesALongTitleAndOversizedMarkdown()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var errors = await Editor.FailAsync("createSession", new Dictionary<string, object> { ["eventId"] = eventId, ["title"] = new string('t', 201), ["abstract"] = new string('m', 20_001) });

        Assert.Equal(
            """[{"__typename":"ValidationError","message":"Must be at most 200 characters; it has 201.","path":["input","title"]},"""
            + """{"__typename":"ValidationError","message":"Must be at most 20000 characters of Markdown; it has 20001.","path":["input","abstract"]}]""",
            errors);
    }

    [Fact]
    public async Task SlugFromATitleLongerThanASlugIsCutAtAWord()
    {
        var eventId = (await Editor.EventAsync()).Text("id");
        var title = string.Join(' ', Enumerable.Repeat("Scaling", 20));

        var payload = await Editor.SucceedAsync("createSession", new { eventId, title }, "session { slug }");

        Assert.Equal(string.Join('-', Enumerable.Repeat("scaling", 12)), payload["session"].Text("slug"));
    }

    [Theory]
    [InlineData("ΔΟΚΙΜΗ 1", "dokimi-1")]
    [InlineData("Тестовый доклад", "testovyy-doklad")]
    [InlineData("虚拟机", "xuniji")]
    [InlineData("2031", "session-2031")]
    public async Task SlugFromATitleInAnyScriptIsTransliteratedAndNeverDigitsOnly(string title, string slug)
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var payload = await Editor.SucceedAsync("createSession", new { eventId, title }, "session { slug }");

        Assert.Equal(slug, payload["session"].Text("slug"));
    }

    [Fact]
    public async Task GivenSlugOfDigitsOnlyIsRefused()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var errors = await Editor.FailAsync("createSession", new { eventId, title = "Numbers", slug = "2031" });

        Assert.Equal(
            """[{"__typename":"ValidationError","message":"'2031' is not a slug: use 1 to 100 lower-case letters, digits and single dashes, with a letter, like 'volume-hotplug'.","path":["input","slug"]}]""",
            errors);
    }

    [Fact]
    public async Task CreateSessionInAnUnknownEditionIsNotFound()
    {
        var errors = await Editor.FailAsync("createSession", new { eventId = Missing("Event"), title = "Nowhere" });

        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No Event has the ID '{{Missing("Event")}}'.","id":"{{Missing("Event")}}"}]""", errors);
    }

    [Fact]
    public async Task CreateSessionWithATakenSlugIsADuplicateSlug()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var explicitSlug = await Editor.FailAsync("createSession", new { eventId, title = "Another hotplug", slug = "hotplug" });
        var slugFromTitle = await Editor.FailAsync("createSession", new { eventId, title = "Hotplug" });

        var expected = """[{"__typename":"DuplicateSlugError","message":"Another session of this edition already has the slug 'hotplug'.","slug":"hotplug"}]""";
        Assert.Equal((expected, expected), (explicitSlug, slugFromTitle));
    }

    [Fact]
    public async Task UpdateSessionChangesOnlyTheGivenFieldsAndNullClearsTheProgrammeTitle()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Partial update");
        await Editor.SucceedAsync("updateSession", new { id, version = 1, programmeTitle = "Short", kind = "WORKSHOP", @abstract = "**Bold** move" });

        var payload = await Editor.SucceedAsync("updateSession", new { id, version = 2, title = "Partial update, renamed", programmeTitle = (string?)null }, Fields);

        Assert.Equal(
            """{"slug":"partial-update","title":"Partial update, renamed","programmeTitle":null,"kind":"WORKSHOP","status":"DRAFT","version":3,"abstract":{"markdown":"**Bold** move","html":"<p><strong>Bold</strong> move</p>"}}""",
            payload["session"].AsJson());
    }

    [Fact]
    public async Task UpdateSessionErrors()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Update errors");

        var stale = await Editor.FailAsync("updateSession", new { id, version = 7, title = "Stale" });
        var missing = await Editor.FailAsync("updateSession", new { id = Missing("Session"), version = 1, title = "Gone" });
        var duplicate = await Editor.FailAsync("updateSession", new { id, version = 1, slug = "prow" });
        var invalid = await Editor.FailAsync("updateSession", new { id, version = 1, title = "" });
        var wrongType = await Editor.FailAsync("updateSession", new { id = GlobalId.Encode("Presenter", 1), version = 1 });

        Assert.Equal($$"""[{"__typename":"ConflictError","message":"The Session is at version 1, not 7: someone saved it after you loaded it. Reload it and reapply your change.","id":"{{id}}","currentVersion":1,"yourVersion":7}]""", stale);
        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No Session has the ID '{{Missing("Session")}}'.","id":"{{Missing("Session")}}"}]""", missing);
        Assert.Equal("""[{"__typename":"DuplicateSlugError","message":"Another session of this edition already has the slug 'prow'.","slug":"prow"}]""", duplicate);
        Assert.Equal("""[{"__typename":"ValidationError","message":"Must not be empty.","path":["input","title"]}]""", invalid);
        Assert.Equal($$"""[{"__typename":"ValidationError","message":"'{{GlobalId.Encode("Presenter", 1)}}' is not the ID of a Session.","path":["input","id"]}]""", wrongType);
    }

    [Fact]
    public async Task PublishAndUnpublishToggleTheStatusAndCheckTheVersion()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Publish toggle");

        var published = await Editor.SucceedAsync("publishSession", new { id, version = 1 }, "session { status version }");
        var stale = await Editor.FailAsync("unpublishSession", new { id, version = 1 });
        var unpublished = await Editor.SucceedAsync("unpublishSession", new { id, version = 2 }, "session { status version }");
        var missing = await Editor.FailAsync("publishSession", new { id = Missing("Session"), version = 1 });

        Assert.Equal("""{"status":"PUBLISHED","version":2}""", published["session"].AsJson());
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Equal("""{"status":"DRAFT","version":3}""", unpublished["session"].AsJson());
        Assert.Contains("\"__typename\":\"NotFoundError\"", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleAndUnscheduleMoveASessionInAndOutOfASlot()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Scheduled draft");
        var slotId = await EveryMutation.AddSlotAsync(Editor, "2021-03-01");

        var scheduled = await Editor.SucceedAsync("scheduleSession", new { id, version = 1, slotId }, "session { version slot { id startsAt } }");
        var unscheduled = await Editor.SucceedAsync("unscheduleSession", new { id, version = 2 }, "session { version slot { id } }");
        var missingSlot = await Editor.FailAsync("scheduleSession", new { id, version = 3, slotId = Missing("Slot") });

        Assert.Equal($$$"""{"version":2,"slot":{"id":"{{{slotId}}}","startsAt":"2021-03-01T14:00:00Z"}}""", scheduled["session"].AsJson());
        Assert.Equal("""{"version":3,"slot":null}""", unscheduled["session"].AsJson());
        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No Slot has the ID '{{Missing("Slot")}}'.","id":"{{Missing("Slot")}}"}]""", missingSlot);
    }

    [Fact]
    public async Task ScheduleIntoASlotOfAnotherEditionIsAValidationError()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Wrong edition");
        var otherSlot = await editing.Server.ChangeDatabaseAsync(async db =>
        {
            var other = new Event { Slug = "kubevirt-summit-2022", Name = "KubeVirt Summit 2022", StartDate = new DateOnly(2022, 3, 1), EndDate = new DateOnly(2022, 3, 1) };
            var day = new Day { Event = other, Date = new DateOnly(2022, 3, 1), StartsAt = new DateTime(2022, 3, 1, 14, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2022, 3, 1, 19, 0, 0, DateTimeKind.Utc) };
            var slot = new Slot { Day = day, StartsAt = day.StartsAt, EndsAt = day.StartsAt.AddMinutes(30) };
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
            return GlobalId.Encode("Slot", slot.Id);
        });

        var errors = await Editor.FailAsync("scheduleSession", new { id, version = 1, slotId = otherSlot });

        Assert.Equal("""[{"__typename":"ValidationError","message":"The slot belongs to another edition than the session.","path":["input","slotId"]}]""", errors);
    }

    [Fact]
    public async Task DeletedSessionDisappearsAndRestoresWithItsPresentersAndLinks()
    {
        var before = await Editor.SessionAsync("automated-migration");

        await Editor.SucceedAsync("deleteSession", new { id = before.Text("id"), version = before.Number("version") });
        var whileDeleted = await Editor.QueryAsync("""{ session(slug: "automated-migration") { id } sessions(where: { slug: { eq: "automated-migration" } }) { totalCount } }""");
        var restored = await Editor.SucceedAsync("restoreSession", new { id = before.Text("id") }, "session { slug status }");
        var after = await Editor.SessionAsync("automated-migration");

        Assert.Equal("""{"session":null,"sessions":{"totalCount":0}}""", whileDeleted.AsJson());
        Assert.Equal("""{"slug":"automated-migration","status":"PUBLISHED"}""", restored["session"].AsJson());
        Assert.Equal(before["presenterRoles"].AsJson(), after["presenterRoles"].AsJson());
        Assert.Equal(before["links"].AsJson(), after["links"].AsJson());
        Assert.Equal(before["slot"].AsJson(), after["slot"].AsJson());
    }

    [Fact]
    public async Task DeleteAndRestoreErrors()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Delete errors");

        var stale = await Editor.FailAsync("deleteSession", new { id, version = 2 });
        var notDeleted = await Editor.FailAsync("restoreSession", new { id });
        await Editor.SucceedAsync("deleteSession", new { id, version = 1 });
        var eventId = (await Editor.EventAsync()).Text("id");
        await Editor.SucceedAsync("createSession", new { eventId, title = "Delete errors" });
        var slugTaken = await Editor.FailAsync("restoreSession", new { id });

        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No deleted session has the ID '{{id}}'.","id":"{{id}}"}]""", notDeleted);
        Assert.Equal("""[{"__typename":"DuplicateSlugError","message":"Another session of this edition already has the slug 'delete-errors'.","slug":"delete-errors"}]""", slugTaken);
    }

    [Fact]
    public async Task SessionPresentersCanBeAddedReorderedRecastAndRemoved()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Presenter line-up");
        var first = (await Editor.PresenterAsync("adam-litke")).Text("id");
        var second = (await Editor.PresenterAsync("petr-horacek")).Text("id");
        const string Roles = "session { version presenterRoles { role position presenter { slug } } }";

        await Editor.SucceedAsync("addSessionPresenter", new { sessionId = id, version = 1, presenterId = first });
        var added = await Editor.SucceedAsync("addSessionPresenter", new { sessionId = id, version = 2, presenterId = second, role = "SESSION_LEAD", position = 0 }, Roles);
        var reordered = await Editor.SucceedAsync("reorderSessionPresenters", new { sessionId = id, version = 3, presenterIds = new[] { first, second } }, Roles);
        var recast = await Editor.SucceedAsync("changeSessionPresenterRole", new { sessionId = id, version = 4, presenterId = first, role = "PANELIST" }, Roles);
        var removed = await Editor.SucceedAsync("removeSessionPresenter", new { sessionId = id, version = 5, presenterId = first }, Roles);

        Assert.Equal("""{"version":3,"presenterRoles":[{"role":"SESSION_LEAD","position":0,"presenter":{"slug":"petr-horacek"}},{"role":"PRESENTER","position":1,"presenter":{"slug":"adam-litke"}}]}""", added["session"].AsJson());
        Assert.Equal("""{"version":4,"presenterRoles":[{"role":"PRESENTER","position":0,"presenter":{"slug":"adam-litke"}},{"role":"SESSION_LEAD","position":1,"presenter":{"slug":"petr-horacek"}}]}""", reordered["session"].AsJson());
        Assert.Equal("""{"version":5,"presenterRoles":[{"role":"PANELIST","position":0,"presenter":{"slug":"adam-litke"}},{"role":"SESSION_LEAD","position":1,"presenter":{"slug":"petr-horacek"}}]}""", recast["session"].AsJson());
        Assert.Equal("""{"version":6,"presenterRoles":[{"role":"SESSION_LEAD","position":0,"presenter":{"slug":"petr-horacek"}}]}""", removed["session"].AsJson());
    }

    [Fact]
    public async Task SessionPresenterErrors()
    {
        var id = await EveryMutation.CreateSessionAsync(Editor, "Presenter errors");
        var first = (await Editor.PresenterAsync("adam-litke")).Text("id");
        var stranger = (await Editor.PresenterAsync("petr-horacek")).Text("id");
        await Editor.SucceedAsync("addSessionPresenter", new { sessionId = id, version = 1, presenterId = first });

        var twice = await Editor.FailAsync("addSessionPresenter", new { sessionId = id, version = 2, presenterId = first });
        var unknownPerson = await Editor.FailAsync("addSessionPresenter", new { sessionId = id, version = 2, presenterId = Missing("Presenter") });
        var notInSession = await Editor.FailAsync("removeSessionPresenter", new { sessionId = id, version = 2, presenterId = stranger });
        var notAPermutation = await Editor.FailAsync("reorderSessionPresenters", new { sessionId = id, version = 2, presenterIds = new[] { first, first } });
        var withAStranger = await Editor.FailAsync("reorderSessionPresenters", new { sessionId = id, version = 2, presenterIds = new[] { stranger } });
        var recastStranger = await Editor.FailAsync("changeSessionPresenterRole", new { sessionId = id, version = 2, presenterId = stranger, role = "PANELIST" });
        var stale = await Editor.FailAsync("changeSessionPresenterRole", new { sessionId = id, version = 1, presenterId = first, role = "PANELIST" });

        Assert.Equal("""[{"__typename":"ValidationError","message":"Adam Litke already presents this session.","path":["input","presenterId"]}]""", twice);
        Assert.Equal($$"""[{"__typename":"NotFoundError","message":"No Presenter has the ID '{{Missing("Presenter")}}'.","id":"{{Missing("Presenter")}}"}]""", unknownPerson);
        Assert.Equal("""[{"__typename":"ValidationError","message":"The person does not present this session.","path":["input","presenterId"]}]""", notInSession);
        var permutation = """[{"__typename":"ValidationError","message":"Must list each of the session's 1 presenters exactly once.","path":["input","presenterIds"]}]""";
        Assert.Equal((permutation, permutation), (notAPermutation, withAStranger));
        Assert.Equal(notInSession, recastStranger);
        Assert.Contains("\"__typename\":\"ConflictError\"", stale, StringComparison.Ordinal);
        Assert.Equal(2, (await Editor.QueryAsync($$"""{ node(id: "{{id}}") { ... on Session { version } } }"""))["node"].Number("version"));
    }
}
