using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// The request around the document: every member of the envelope, with every kind of JSON value, over every
/// transport, gets an answer (a coded error or a result), never a 500 or silence; a body's charset is UTF-8 or
/// 415; and each item of a batch behaves exactly as if it had been sent alone.
/// </summary>
public sealed class RequestEnvelopeTests(HostileServer hostile) : IClassFixture<HostileServer>
{
    private const string Hash = "0000000000000000000000000000000000000000000000000000000000000000";

    private SummitServer Server => hostile.Server;

    /// <summary>Every kind of JSON value, and values that convert badly (out of every numeric range, fractional, huge).</summary>
    private static readonly string[] Values =
    [
        "null", "true", "0", "1", "-1", "1.5", "1e30", "1e400", "-1e400", "99999999999999999999999999999", "\"abc\"", "\"\"", "{}", "[]", "[1]",
        "{\"a\":{\"b\":[null]}}", "\"" + new string('x', 5_000) + "\"",
    ];

    /// <summary>Where in the envelope each value goes: a JSON pointer-like path into the request object.</summary>
    private static readonly string[] Members =
    [
        "query", "operationName", "variables", "extensions", "documentId", "id",
        "extensions.persistedQuery", "extensions.persistedQuery.version", "extensions.persistedQuery.sha256Hash", "variables.slug",
    ];

    public static TheoryData<string, Transport> EnvelopeMembers()
    {
        var data = new TheoryData<string, Transport>();
        foreach (var member in Members)
        {
            foreach (var transport in Transports.All)
            {
                data.Add(member, transport);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopeMembers))]
    public async Task EveryValueOfEveryEnvelopeMemberGetsACodedAnswer(string member, Transport transport)
    {
        foreach (var value in Values)
        {
            var request = new JsonObject { ["query"] = "query($slug: String) { session(slug: $slug) { slug } }" };
            if (member.StartsWith("extensions.persistedQuery.", StringComparison.Ordinal))
            {
                request["extensions"] = new JsonObject { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = Hash } };
            }

            Place(request, member, JsonNode.Parse(value));

            var answer = await Server.SendAsync(transport, request);

            Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.SwitchingProtocols, $"{member} = {Short(value)}: {answer}");
            Assert.False(answer.Body.StartsWith("closed", StringComparison.Ordinal) && answer.Body != "closed 4400", $"{member} = {Short(value)}: {answer}");
            Assert.True(answer.FirstErrorCode is not null || answer.Body.Contains("\"data\"", StringComparison.Ordinal) || answer.Body == "closed 4400",
                $"{member} = {Short(value)}: neither data nor a coded error: {answer}");
            Assert.DoesNotContain("Exception", answer.Body, StringComparison.Ordinal);
        }

        var alive = await Server.QueryAsync("{ session(slug: \"hotplug\") { slug } }");
        Assert.Equal("hotplug", alive["session"]!["slug"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("1e30")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("2")]
    [InlineData("1.5")]
    public async Task AnAutomaticPersistedQueryOfAnotherVersionIsRefusedWithItsCode(string version)
    {
        foreach (var transport in Transports.All)
        {
            var request = new JsonObject
            {
                ["query"] = "{ event { slug } }",
                ["extensions"] = new JsonObject { ["persistedQuery"] = new JsonObject { ["version"] = JsonNode.Parse(version), ["sha256Hash"] = Hash } },
            };

            var answer = await Server.SendAsync(transport, request);

            Assert.True(answer.FirstErrorCode == "PERSISTED_QUERY_INVALID", answer.ToString());
        }
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=utf-32")]
    [InlineData("application/json; charset=\"\"")]
    public async Task BodiesInAnotherCharsetAre415(string contentType)
    {
        var encoding = contentType.Contains("utf-16", StringComparison.Ordinal) ? Encoding.Unicode : Encoding.Latin1;
        var response = await Server.PostRawAsync(encoding.GetBytes("""{"query":"{ event { slug } }"}"""), contentType);

        response.AssertRefused(HttpStatusCode.UnsupportedMediaType, "application/json in UTF-8");
        Assert.Equal("MEDIA_TYPE_UNSUPPORTED", response.FirstErrorCode);
    }

    /// <summary>graphql-sse, on its own path and on <c>/graphql</c>, reads its POST body as the other transports do: JSON in UTF-8 or 415.</summary>
    [Theory]
    [InlineData("/graphql/stream", "text/plain")]
    [InlineData("/graphql/stream", "application/json; charset=iso-8859-1")]
    [InlineData("/graphql", "text/plain")]
    [InlineData("/graphql", "application/json; charset=windows-1252")]
    public async Task EventStreamBodiesInAnotherTypeOrCharsetAre415(string path, string contentType)
    {
        var body = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"query":"subscription { onProgrammeChanged { eventSlug } }"}"""));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Server.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body }, "text/event-stream");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "MEDIA_TYPE_UNSUPPORTED"), (response.Status, response.FirstErrorCode));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON;charset=\"utf-8\"")]
    public async Task JsonInUtf8IsRead(string contentType)
    {
        var response = await Server.PostRawAsync(Encoding.UTF8.GetBytes("""{"query":"{ event { slug } }"}"""), contentType);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("kubevirt-summit-2021", response.Data!["event"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task BatchItemsWithTheSameDocumentAndOtherVariablesGetTheirOwnRows()
    {
        const string Query = "query($w: PresenterFilterInput) { session(slug: \"hotplug\") { presenters(where: $w) { name } } }";
        var batch = new JsonArray(
            new JsonObject { ["query"] = Query, ["variables"] = new JsonObject { ["w"] = new JsonObject { ["name"] = new JsonObject { ["eq"] = "Alexander Wels" } } } },
            new JsonObject { ["query"] = Query, ["variables"] = new JsonObject { ["w"] = new JsonObject { ["name"] = new JsonObject { ["eq"] = "nobody" } } } },
            new JsonObject { ["query"] = Query });

        var items = (await Server.PostRawAsync(batch.ToJsonString())).Json!.AsArray();

        Assert.Equal("Alexander Wels", items[0]!["data"]!["session"]!["presenters"]![0]!["name"]!.GetValue<string>());
        Assert.Empty(items[1]!["data"]!["session"]!["presenters"]!.AsArray());
        Assert.Single(items[2]!["data"]!["session"]!["presenters"]!.AsArray());
    }

    [Fact]
    public async Task ABatchReadAfterAMutationSeesTheCommit()
    {
        const string Read = "{ session(slug: \"vfx\") { id title version } }";
        var before = (await Server.QueryAsync(Read))["session"]!;
        var title = "Renamed in a batch " + Guid.NewGuid().ToString("N")[..6];
        var batch = new JsonArray(
            new JsonObject { ["query"] = Read },
            new JsonObject
            {
                ["query"] = "mutation($input: UpdateSessionInput!) { updateSession(input: $input) { session { version } } }",
                ["variables"] = new JsonObject { ["input"] = new JsonObject { ["id"] = before["id"]!.GetValue<string>(), ["version"] = before["version"]!.GetValue<int>(), ["title"] = title } },
            },
            new JsonObject { ["query"] = Read });

        var items = (await Server.PostRawAsync(batch.ToJsonString(), bearerKey: hostile.Editor.Key)).Json!.AsArray();

        Assert.Equal(before["title"]!.GetValue<string>(), items[0]!["data"]!["session"]!["title"]!.GetValue<string>());
        Assert.Equal(before["version"]!.GetValue<int>() + 1, items[1]!["data"]!["updateSession"]!["session"]!["version"]!.GetValue<int>());
        Assert.Equal(title, items[2]!["data"]!["session"]!["title"]!.GetValue<string>());
        Assert.Equal(before["version"]!.GetValue<int>() + 1, items[2]!["data"]!["session"]!["version"]!.GetValue<int>());
    }

    private static void Place(JsonObject request, string member, JsonNode? value)
    {
        var path = member.Split('.');
        var target = request;
        foreach (var step in path[..^1])
        {
            if (target[step] is not JsonObject next)
            {
                next = [];
                target[step] = next;
            }

            target = next;
        }

        target[path[^1]] = value;
    }

    private static string Short(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
