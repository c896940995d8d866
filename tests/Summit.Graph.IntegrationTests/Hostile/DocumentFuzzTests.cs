using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Summit.Graph.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Mutated valid documents and variables (truncated, tokens duplicated, deleted, swapped or replaced, random
/// field names, arguments and values) sent over HTTP for a bounded time: never a 500, never an unhandled
/// resolver exception, never an error in the server's log. The seed is random unless <c>SUMMIT_FUZZ_SEED</c>
/// sets it, and every failure names it.
/// </summary>
public sealed partial class DocumentFuzzTests(HostileServer hostile, ITestOutputHelper output) : IClassFixture<HostileServer>
{
    /// <summary>2,000 in CI; <c>SUMMIT_FUZZ_CASES</c> runs a longer search (the 20 s bound grows with it).</summary>
    private static readonly int MaxCases = int.TryParse(Environment.GetEnvironmentVariable("SUMMIT_FUZZ_CASES"), out var cases) ? cases : 2_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(Math.Max(20, MaxCases / 100));

    private static readonly (string Query, string Variables)[] Seeds =
    [
        ("{ event { id slug name description { html } days { date slots { startsAt track sessions { slug title presenters { name } } } } } }", "{}"),
        ("query Q($first: Int, $after: String, $w: SessionFilterInput) { sessions(first: $first, after: $after, where: $w, order: [{ title: ASC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug title kind } } }",
            """{"first": 5, "w": {"title": {"containsIgnoreCase": "kube"}, "kind": {"eq": "TALK"}}}"""),
        ("query($w: PresenterFilterInput) { presenters(first: 3, where: $w) { edges { cursor node { id name slug sessions { slug } } } } }", """{"w": {"or": [{"name": {"startsWith": "A"}}, {"slug": {"in": ["x", "y"]}}]}}"""),
        ("query($id: ID!) { node(id: $id) { id ... on Session { title } ... on Presenter { name } } }", """{"id": "U2Vzc2lvbjox"}"""),
        ("query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }", """{"ids": ["U2Vzc2lvbjox", "UHJlc2VudGVyOjE="]}"""),
        ("query($m: String!) { renderMarkdown(markdown: $m) }", """{"m": "**bold** [x](https://example.org)"}"""),
        ("query { session(slug: \"vfx\") { id title slot { startsAt(timeZone: \"Europe/Paris\") } links { kind url } revisions { version } } }", "{}"),
        ("query { slots(last: 2, before: null, where: { track: { neq: null } }) { nodes { id startsAt endsAt day { date } } } days(order: [{ startsAt: DESC }]) { id } }", "{}"),
        ("mutation($input: CreatePresenterInput!) { createPresenter(input: $input) { presenter { id slug name } errors { __typename ... on Error { message } } } }",
            """{"input": {"name": "Fuzz Person", "company": "Acme", "website": "https://example.org"}}"""),
        ("mutation($input: UpdatePresenterInput!) { updatePresenter(input: $input) { presenter { id version } errors { __typename } } }",
            """{"input": {"id": "UHJlc2VudGVyOjE=", "version": 1, "jobTitle": "Engineer"}}"""),
        ("mutation($input: AddLinkInput!) { addLink(input: $input) { errors { __typename } } }", """{"input": {"sessionId": "U2Vzc2lvbjox", "url": "https://example.org", "kind": "SLIDES"}}"""),
        ("query { __schema { queryType { name } types { name kind fields { name args { name type { name } } } } } }", "{}"),
    ];

    private static readonly string[] HostileValues =
    [
        "null", "0", "-1", "2147483648", "-2147483649", "1e309", "3.14", "true", "\"\"", "\"\\u0000\"", "\"' OR 1=1 --\"",
        "[]", "[null]", "{}", "{a: 1}", "$undefined", "\"\\uD83D\\uDE80\"", "ASC", "TALK", "\"U2Vzc2lvbjox\"", "\"" + new string('x', 3000) + "\"",
    ];

    private static readonly JsonNode?[] HostileJson =
    [
        null, 0, -1, 2147483648L, 1.5, true, "", "\0", "' OR 1=1 --", "U2Vzc2lvbjox", new string('y', 5000),
        new JsonArray(), new JsonArray(1, "a", null), new JsonObject(), new JsonObject { ["eq"] = "x" }, new JsonObject { ["and"] = new JsonArray(new JsonObject()) },
    ];

    [Fact]
    public async Task MutatedDocumentsNeverCauseA500OrAnUnhandledException()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SUMMIT_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"Fuzz seed {seed} (set SUMMIT_FUZZ_SEED={seed} to repeat).");
        var random = new Random(seed);
        var names = FieldNames();
        hostile.Server.Logs.Clear();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var statuses = new Dictionary<HttpStatusCode, int>();
        while (cases < MaxCases && clock.Elapsed < MaxDuration)
        {
            cases++;
            var (query, variables) = Seeds[random.Next(Seeds.Length)];
            var document = MutateDocument(random, query, names);
            var json = MutateVariables(random, JsonNode.Parse(variables)!.AsObject());
            var body = new JsonObject { ["query"] = document, ["variables"] = json };
            if (random.Next(10) == 0)
            {
                body["operationName"] = names[random.Next(names.Count)];
            }

            var response = await hostile.Server.PostRawAsync(body.ToJsonString(), accept: random.Next(2) == 0 ? HostileRequests.GraphQLResponse : "application/json",
                bearerKey: random.Next(3) == 0 ? null : hostile.Editor.Key);
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;

            var failure = $"Seed {seed}, case {cases}: {HostileRequests.Truncate(body.ToJsonString())}\n→ {(int)response.Status} {HostileRequests.Truncate(response.Body)}";
            Assert.True((int)response.Status < 500, failure);
            Assert.True(response.Json is not null && (response.Data is not null || response.Errors is { Count: > 0 }), failure);
            Assert.True(response.Errors?.All(e => !e!["message"]!.GetValue<string>().StartsWith("Error trying to resolve", StringComparison.Ordinal)) ?? true, failure);
            try
            {
                response.AssertNoLeak();
            }
            catch (Xunit.Sdk.XunitException exception)
            {
                throw new Xunit.Sdk.XunitException(failure + "\n" + exception.Message);
            }
        }

        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}")));
        Assert.True(hostile.Server.Logs.Errors.Count == 0, $"Seed {seed}: the server logged errors:\n{string.Join('\n', hostile.Server.Logs.Errors.Take(5))}");
        Assert.True(cases >= 200, $"Only {cases} cases ran in {MaxDuration.TotalSeconds} s.");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 0 && statuses.Keys.Any(s => s != HttpStatusCode.OK), "The mutations never produced both answers and refusals.");
    }

    private static string MutateDocument(Random random, string query, List<string> names)
    {
        var tokens = Tokens().Matches(query).Select(m => m.Value).ToList();
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits && tokens.Count > 0; i++)
        {
            var at = random.Next(tokens.Count);
            switch (random.Next(8))
            {
                case 0:
                    tokens.RemoveRange(at, tokens.Count - at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[at]);
                    break;
                case 2:
                    tokens.RemoveAt(at);
                    break;
                case 3:
                    (tokens[at], tokens[random.Next(tokens.Count)]) = (tokens[random.Next(tokens.Count)], tokens[at]);
                    break;
                case 4:
                    tokens[at] = names[random.Next(names.Count)];
                    break;
                case 5:
                    tokens.Insert(at, $"({names[random.Next(names.Count)]}: {HostileValues[random.Next(HostileValues.Length)]})");
                    break;
                case 6:
                    tokens.Insert(at, HostileValues[random.Next(HostileValues.Length)]);
                    break;
                default:
                    tokens.Insert(at, random.Next(3) switch { 0 => "{ __typename }", 1 => "...on Session { id }", _ => "@include(if: $x)" });
                    break;
            }
        }

        return string.Join(' ', tokens);
    }

    private static JsonObject MutateVariables(Random random, JsonObject variables)
    {
        if (random.Next(2) == 0)
        {
            return variables;
        }

        var leaves = new List<(JsonObject Owner, string Name)>();
        Collect(variables, leaves);
        if (leaves.Count == 0 || random.Next(4) == 0)
        {
            variables["x" + random.Next(5)] = HostileJson[random.Next(HostileJson.Length)]?.DeepClone();
            return variables;
        }

        var (owner, name) = leaves[random.Next(leaves.Count)];
        owner[name] = HostileJson[random.Next(HostileJson.Length)]?.DeepClone();
        return variables;
    }

    private static void Collect(JsonObject node, List<(JsonObject, string)> leaves)
    {
        foreach (var (name, value) in node.ToList())
        {
            leaves.Add((node, name));
            if (value is JsonObject child)
            {
                Collect(child, leaves);
            }
        }
    }

    /// <summary>Every field and argument name of the printed schema, and a few that exist nowhere.</summary>
    private static List<string> FieldNames()
    {
        var schema = File.ReadAllText(RepositoryFiles.PathOf("schema/summit.graphql"));
        return [.. Names().Matches(schema).Select(m => m.Groups[1].Value).Distinct(), "__typename", "__schema", "noSuchField", "_", "ÿ"];
    }

    [GeneratedRegex("""\.\.\.|"(?:[^"\\]|\\.)*"|[A-Za-z_$][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|[^\s]""")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^\s+([a-zA-Z_][a-zA-Z0-9_]*)[(:]", RegexOptions.Multiline)]
    private static partial Regex Names();
}
