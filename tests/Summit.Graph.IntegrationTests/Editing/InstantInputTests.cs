using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// Times an editor sends are kept as the exact instant they name, or refused: never moved. An offset that takes the
/// instant outside the years 1 to 9999 in UTC is a malformed <c>DateTime</c>, as a literal and as a variable (it was
/// stored 23 hours later); an instant a time zone could not show (the first and last day of that range) is a
/// <c>ValidationError</c> on every time field of every mutation, so no stored time is answered wrongly in a zone.
/// </summary>
public sealed class InstantInputTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private Editor Editor => editing.Editor;

    [Theory]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:00:00-02:00")]
    public async Task AnOffsetThatLeavesTheYears1To9999IsAMalformedDateTime(string publishAt)
    {
        var eventId = (await Editor.EventAsync()).Text("id");
        const string Create = "mutation($input: CreateSessionInput!) { createSession(input: $input) { session { publishAt } } }";
        var literal = $$"""mutation { createSession(input: { eventId: "{{eventId}}", title: "Edge", publishAt: "{{publishAt}}" }) { session { publishAt } } }""";

        var asVariable = await editing.Server.PostAsync(Create, new { input = new { eventId, title = "Edge", publishAt } }, bearerKey: Editor.Key);
        var asLiteral = await editing.Server.PostAsync(literal, bearerKey: Editor.Key);

        Assert.Equal(("INVALID_VALUE", null), (asVariable.FirstErrorCode, asVariable.Data));
        Assert.Equal(("ARGUMENTS_OF_CORRECT_TYPE", null), (asLiteral.FirstErrorCode, asLiteral.Data));
    }

    [Fact]
    public async Task AnOffsetNamesTheSameInstantInUtc()
    {
        var eventId = (await Editor.EventAsync()).Text("id");

        var payload = await Editor.SucceedAsync("createSession", new { eventId, title = "Offset Instant", publishAt = "2031-02-09T15:00:00+01:00" }, "session { publishAt }");

        Assert.Equal("2031-02-09T14:00:00Z", payload["session"].Text("publishAt"));
    }

    /// <summary>Every mutation that takes a time, at one end of the range or the other; <c>$event</c>, <c>$day</c>, <c>$slot</c>, <c>$session</c> stand for IDs and their versions.</summary>
    public static TheoryData<string, string> EdgeInstants => new()
    {
        { "addDay", """{ "eventId": "$event", "startsAt": "0001-01-01T00:00:00Z", "endsAt": "0001-01-01T08:00:00Z" }""" },
        { "addDay", """{ "eventId": "$event", "startsAt": "9999-12-31T08:00:00Z", "endsAt": "9999-12-31T16:00:00Z" }""" },
        { "updateDay", """{ "id": "$day", "version": "$dayVersion", "startsAt": "0001-01-01T06:00:00Z" }""" },
        { "addSlot", """{ "dayId": "$day", "startsAt": "9999-12-31T09:00:00Z", "endsAt": "9999-12-31T10:00:00Z" }""" },
        { "moveSlot", """{ "id": "$slot", "version": "$slotVersion", "startsAt": "0001-01-01T09:00:00Z" }""" },
        { "resizeSlot", """{ "id": "$slot", "version": "$slotVersion", "endsAt": "9999-12-31T10:00:00Z" }""" },
        { "createSession", """{ "eventId": "$event", "title": "Edge Of Time", "publishAt": "0001-01-01T12:00:00Z" }""" },
        { "updateSession", """{ "id": "$session", "version": "$sessionVersion", "unpublishAt": "9999-12-31T12:00:00Z" }""" },
    };

    [Theory]
    [MemberData(nameof(EdgeInstants))]
    public async Task AnInstantSomeTimeZoneCouldNotShowIsRefused(string mutation, string fields)
    {
        var ev = await Editor.EventAsync();
        var day = ev["days"]![0]!;
        var slot = day["slots"]![0]!;
        var session = await Editor.SessionAsync("hotplug");
        var input = System.Text.Json.Nodes.JsonNode.Parse(fields)!.AsObject();
        foreach (var (name, value) in input.ToList())
        {
            input[name] = value?.GetValue<string>() switch
            {
                "$event" => (System.Text.Json.Nodes.JsonNode?)ev.Text("id"),
                "$day" => day.Text("id"),
                "$dayVersion" => day.Number("version"),
                "$slot" => slot.Text("id"),
                "$slotVersion" => slot.Number("version"),
                "$session" => session.Text("id"),
                "$sessionVersion" => session.Number("version"),
                _ => value?.DeepClone(),
            };
        }

        var before = await editing.Server.DumpDatabaseAsync();

        var errors = System.Text.Json.Nodes.JsonNode.Parse(await Editor.FailAsync(mutation, input))!.AsArray();

        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal(
            ("ValidationError", "Must lie between 0001-01-02 and 9999-12-30 in UTC, so that every time zone can show it."),
            (error.Text("__typename"), error.Text("message"))));
        Assert.Equal(before, await editing.Server.DumpDatabaseAsync());
    }
}
