using System.Net;
using System.Text;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Every decoder of client-supplied identifiers answers every malformed value with its own code, over HTTP:
/// keyset cursors on every connection (<c>CURSOR_INVALID</c>), global IDs (<c>INVALID_ID</c>), trusted document
/// IDs (<c>PERSISTED_DOCUMENT_NOT_FOUND</c>) and persisted-query extensions (<c>PERSISTED_QUERY_INVALID</c>).
/// </summary>
public sealed class DecoderTests(HostileServer hostile) : IClassFixture<HostileServer>
{
    private static readonly string[] Connections = ["events", "slots", "sessions", "presenters"];

    private SummitServer Server => hostile.Server;

    /// <summary>
    /// Cursors as a connection writes them with their last value (the id) replaced by raw JSON, so the value is
    /// the only fault (<c>id:</c>), and cursors malformed as a whole (<c>raw:</c>).
    /// </summary>
    public static TheoryData<string, string> MalformedCursors
    {
        get
        {
            var data = new TheoryData<string, string>
            {
                { "id out of range (the issue's example)", "id:\"99999999999\"" },
                { "id far out of range", "id:\"" + new string('9', 300) + "\"" },
                { "id in exponent form", "id:\"1e3\"" },
                { "id as a JSON number", "id:1" },
                { "id as an object", "id:{}" },
                { "id as an array", "id:[\"1\"]" },
                { "null id", "id:null" },
                { "deep JSON", "raw:" + Base64Url(new string('[', 5_000) + new string(']', 5_000)) },
                { "fingerprint as a number", "raw:" + Base64Url("[1, \"1\"]") },
                { "invalid UTF-8", "raw:" + Convert.ToBase64String([0x5b, 0x22, 0xff, 0x22, 0x5d]).TrimEnd('=') },
                { "not base64", "raw:!!!" },
                { "non-ASCII", "raw:Ünïcödé" },
                { "huge", "raw:" + new string('A', 60_000) },
            };
            var random = new Random(8);
            for (var i = 0; i < 20; i++)
            {
                var bytes = new byte[random.Next(1, 48)];
                random.NextBytes(bytes);
                data.Add($"random bytes {i}", "raw:" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            }

            return data;
        }
    }

    public static TheoryData<string, string> MalformedIds => new()
    {
        { "key out of range", Base64("Session:99999999999") },
        { "key far out of range", Base64("Session:" + new string('9', 150)) },
        { "unknown type", Base64("Spaceship:1") },
        { "no colon", Base64("Session") },
        { "negative key", Base64("Session:-1") },
        { "invalid UTF-8", Convert.ToBase64String([0x53, 0xff, 0x3a, 0x31]) },
        { "not base64", "%%%" },
        { "huge", new string('A', 60_000) },
    };

    public static TheoryData<string, string> MalformedDocumentIds => new()
    {
        { "no prefix", new string('0', 64) },
        { "another algorithm", "md5:" + new string('0', 32) },
        { "short hash", "sha256:abc" },
        { "not hex", "sha256:" + new string('z', 64) },
        { "control characters", "sha256:\u0000\n" },
        { "huge", "sha256:" + new string('a', 60_000) },
    };

    /// <summary>Values of <c>extensions.persistedQuery.version</c> other than the number 1.</summary>
    public static TheoryData<string> MalformedVersions => new()
    {
        "\"abc\"", "\"1\"", "99999999999999999999999", "1e400", "-1", "true", "{}", "[1]", "null",
    };

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public async Task EveryMalformedCursorIsCursorInvalidOnEveryConnection(string name, string malformed)
    {
        foreach (var connection in Connections)
        {
            var cursor = malformed.StartsWith("id:", StringComparison.Ordinal) ? await WithIdAsync(connection, malformed[3..]) : malformed[4..];
            foreach (var (argument, size) in new[] { ("after", "first"), ("before", "last") })
            {
                var response = await Server.PostJsonAsync($"query($c: String) {{ {connection}({size}: 2, {argument}: $c) {{ nodes {{ __typename }} }} }}", new { c = cursor });

                response.AssertRefused(HttpStatusCode.OK);
                Assert.True(response.FirstErrorCode == "CURSOR_INVALID", $"{name} on {connection}({argument}): {HostileRequests.Truncate(response.Body)}");
                Assert.DoesNotContain("another order", response.Body, StringComparison.Ordinal);
            }
        }

        Assert.Equal("Query", (await Server.QueryAsync("{ __typename }")).Text("__typename"));
    }

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task EveryMalformedIdIsInvalidIdInNodeAndNodes(string name, string id)
    {
        var node = await Server.PostJsonAsync("query($id: ID!) { node(id: $id) { id } }", new { id });
        var nodes = await Server.PostJsonAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { id } });

        node.AssertRefused(HttpStatusCode.OK);
        nodes.AssertRefused(HttpStatusCode.OK);
        Assert.True(node.FirstErrorCode == "INVALID_ID", $"{name}: {HostileRequests.Truncate(node.Body)}");
        Assert.True(nodes.FirstErrorCode == "INVALID_ID", $"{name}: {HostileRequests.Truncate(nodes.Body)}");
    }

    [Theory]
    [MemberData(nameof(MalformedDocumentIds))]
    public async Task EveryMalformedDocumentIdIsPersistedDocumentNotFound(string name, string documentId)
    {
        var response = await Server.PostRawAsync(System.Text.Json.JsonSerializer.Serialize(new { documentId }));

        Assert.True(response.FirstErrorCode == "PERSISTED_DOCUMENT_NOT_FOUND", $"{name}: {HostileRequests.Truncate(response.Body)}");
        response.AssertNoLeak();
        Assert.True(response.Body.Length < 2_000, $"{name}: the answer echoes the whole ID ({response.Body.Length} characters).");
    }

    [Theory]
    [MemberData(nameof(MalformedVersions))]
    public async Task EveryMalformedPersistedQueryVersionIsPersistedQueryInvalid(string version)
    {
        var body = "{\"query\": \"{ __typename }\", \"extensions\": {\"persistedQuery\": {\"version\": " + version + ", \"sha256Hash\": \"" + new string('0', 64) + "\"}}}";

        var response = await Server.PostRawAsync(body);

        Assert.True(response.FirstErrorCode == "PERSISTED_QUERY_INVALID", $"{version}: {HostileRequests.Truncate(response.Body)}");
        response.AssertNoLeak();
    }

    /// <summary>The first page's end cursor of <paramref name="connection"/> with its last value replaced by <paramref name="json"/>.</summary>
    private async Task<string> WithIdAsync(string connection, string json)
    {
        var page = await Server.QueryAsync($"{{ {connection}(first: 1) {{ pageInfo {{ endCursor }} }} }}");
        var cursor = page[connection]!["pageInfo"].Text("endCursor");
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        var parts = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')))!.AsArray();
        parts[^1] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return Base64Url(parts.ToJsonString());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(string text) => Base64(text).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
