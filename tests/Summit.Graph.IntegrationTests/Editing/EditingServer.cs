using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>
/// A server of its own for one test class that edits (so the shared server stays pristine), with an editor,
/// a previewer, a revoked editor key and a bootstrap editor key from configuration.
/// </summary>
public sealed class EditingServer : IAsyncLifetime
{
    public const string BootstrapKey = "bootstrap-key-from-the-environment";

    public SummitServer Server { get; } = new() { Settings = { ["Auth:BootstrapEditorKey"] = BootstrapKey } };

    /// <summary>A client with a stored editor key named <c>alice</c>.</summary>
    public Editor Editor { get; private set; } = null!;

    /// <summary>A second editor, <c>bob</c>.</summary>
    public Editor OtherEditor { get; private set; } = null!;

    public string PreviewerKey { get; private set; } = "";

    public string RevokedKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Editor = new Editor(Server, await Server.CreateKeyAsync("alice", ApiKeyRole.Editor));
        OtherEditor = new Editor(Server, await Server.CreateKeyAsync("bob", ApiKeyRole.Editor));
        PreviewerKey = await Server.CreateKeyAsync("paula", ApiKeyRole.Previewer);
        RevokedKey = await Server.CreateKeyAsync("former", ApiKeyRole.Editor);
        Assert.True(await Server.RevokeKeyAsync("former"));
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A client holding a bearer key: runs mutations in HotChocolate's conventions and reads with its key.</summary>
public sealed class Editor(SummitServer server, string key)
{
    private readonly Dictionary<string, string> errorSelections = [];

    public string Key => key;

    /// <summary>The server this editor sends to.</summary>
    public SummitServer Server => server;

    /// <summary>
    /// The query text of <c>name(input: $input) { selection errors { ... } }</c>, selecting every member of the
    /// mutation's error union (a fragment on a type outside the union would make the document invalid).
    /// </summary>
    public async Task<string> MutationTextAsync(string name, string selection = "__typename")
    {
        var typeName = char.ToUpperInvariant(name[0]) + name[1..];
        if (!errorSelections.TryGetValue(name, out var errors))
        {
            var union = await server.QueryAsync("query($name: String!) { __type(name: $name) { possibleTypes { name } } }", new { name = typeName + "Error" });
            var members = union["__type"]!["possibleTypes"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
            var fragments = new (string Type, string Fields)[]
            {
                ("ValidationError", "path"), ("NotFoundError", "id"), ("ConflictError", "id currentVersion yourVersion"), ("DuplicateSlugError", "slug"),
            };
            errors = "errors { __typename ... on Error { message } "
                + string.Concat(fragments.Where(f => members.Contains(f.Type)).Select(f => $"... on {f.Type} {{ {f.Fields} }} "))
                + "}";
            errorSelections[name] = errors;
        }

        return $"mutation($input: {typeName}Input!) {{ {name}(input: $input) {{ {selection} {errors} }} }}";
    }

    /// <summary>Runs a mutation and fails the test on a top-level error; returns the payload.</summary>
    public async Task<JsonNode> MutateAsync(string name, object input, string selection = "__typename")
    {
        var data = await server.QueryAsync(await MutationTextAsync(name, selection), new { input }, key);
        return data[name]!;
    }

    /// <summary>Runs a mutation and fails the test unless it succeeded; returns the payload.</summary>
    public async Task<JsonNode> SucceedAsync(string name, object input, string selection = "__typename")
    {
        var payload = await MutateAsync(name, input, selection);
        Assert.True(payload["errors"] is null, $"{name} failed: {payload["errors"]?.ToJsonString()}");
        return payload;
    }

    /// <summary>Runs a mutation that must fail; returns its <c>errors</c>, as JSON.</summary>
    public async Task<string> FailAsync(string name, object input)
    {
        var payload = await MutateAsync(name, input);
        Assert.True(payload["errors"] is JsonArray { Count: > 0 }, $"{name} succeeded.");
        return payload["errors"].AsJson();
    }

    public Task<JsonNode> QueryAsync(string query, object? variables = null) => server.QueryAsync(query, variables, key);

    /// <summary>A session as an editor sees it (drafts included): id, version, presenters and links.</summary>
    public async Task<JsonNode> SessionAsync(string slug) =>
        (await QueryAsync("""
            query($slug: String!) {
              session(slug: $slug) {
                id version title status programmeTitle slot { id }
                presenterRoles { role position presenter { id slug } }
                links { id version kind url label }
                revisions { id version operation author changedFields previousContent }
              }
            }
            """, new { slug }))["session"] ?? throw new InvalidOperationException($"No session '{slug}'.");

    public async Task<JsonNode> PresenterAsync(string slug) =>
        (await QueryAsync("""
            query($slug: String!) {
              presenter(slug: $slug) {
                id version name jobTitle company sessions { slug }
                revisions { id version operation author changedFields previousContent }
              }
            }
            """, new { slug }))["presenter"] ?? throw new InvalidOperationException($"No presenter '{slug}'.");

    public async Task<JsonNode> EventAsync() =>
        (await QueryAsync("{ event { id version name sponsors { name url } days { id date version startsAt endsAt slots { id version startsAt endsAt track sessions { slug } } } } }"))["event"]!;
}

public static class JsonNodeExtensions
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON as the server writes it: names such as Über and HTML stay unescaped.</summary>
    public static string AsJson(this JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    public static string AsJsonArray(this IEnumerable<string> values) => new JsonArray([.. values.Select(v => JsonValue.Create(v))]).AsJson();

    public static string Text(this JsonNode? node, string property) => node?[property]?.GetValue<string>()
        ?? throw new InvalidOperationException($"No '{property}' in {node?.ToJsonString()}.");

    public static int Number(this JsonNode? node, string property) => node?[property]?.GetValue<int>()
        ?? throw new InvalidOperationException($"No '{property}' in {node?.ToJsonString()}.");
}
