using System.Text.Json;
using System.Text.Json.Nodes;
using Summit.Graph.IntegrationTests.Editing;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Control characters and line breaks in single-line fields (titles, names, slugs, URLs, handles, companies,
/// track names, ...) of every mutation: each is a ValidationError on the field, nothing changes, and the same
/// input without them succeeds. The fields are found by introspection, so a new field is covered by itself.
/// </summary>
public sealed class SingleLineFieldTests(UnthrottledHostileServer hostile) : IClassFixture<UnthrottledHostileServer>
{
    /// <summary>A line break at the end (what <c>$</c> let through), the other line ends, and controls inside.</summary>
    private static readonly string[] Breakers = ["{0}\n", "{0}\r\n", "{0}\r", "{0}\u2028", "{0}\u0085", "\t{0}", "{0}\u0000x", "{0}\u001Bx", "{0}\u007F"];

    [Fact]
    public async Task EverySingleLineFieldOfEveryMutationRefusesControlCharactersAndChangesNothing()
    {
        var tested = new List<string>();
        var failures = new List<string>();
        foreach (var mutation in EveryMutation.Names)
        {
            var fields = await SingleLineFieldsAsync(mutation);
            if (fields.Count == 0)
            {
                continue;
            }

            var valid = JsonSerializer.SerializeToNode(await EveryMutation.ArrangeAsync(hostile.Editor, mutation))!.AsObject();
            var before = await hostile.Server.DumpDatabaseAsync();
            foreach (var (path, plain) in fields)
            {
                tested.Add($"{mutation}.{string.Join('.', path)}");
                foreach (var breaker in Breakers)
                {
                    var input = valid.DeepClone().AsObject();
                    Set(input, path, string.Format(System.Globalization.CultureInfo.InvariantCulture, breaker, plain));
                    var payload = await hostile.Editor.MutateAsync(mutation, input);
                    var errors = payload["errors"].AsJson();
                    var expectedPath = path.Prepend("input").AsJsonArray();
                    if (!errors.Contains("\"ValidationError\"", StringComparison.Ordinal) || !errors.Contains($"\"path\":{expectedPath}", StringComparison.Ordinal))
                    {
                        failures.Add($"{mutation} {string.Join('.', path)} = {JsonSerializer.Serialize(breaker)}: {errors}");
                    }
                }
            }

            Assert.Equal(before, await hostile.Server.DumpDatabaseAsync());
            // The refusals were the fields' doing: the input as arranged is accepted.
            await hostile.Editor.SucceedAsync(mutation, valid);
        }

        Assert.Empty(failures);
        Assert.Contains("createSession.slug", tested);
        Assert.Contains("setEventSponsors.sponsors.0.url", tested);
        Assert.Contains("addSlot.track", tested);
        Assert.True(tested.Count >= 25, $"Only {tested.Count} fields were found: {string.Join(", ", tested)}");
        Assert.Equal("Query", (await hostile.Server.QueryAsync("{ __typename }")).Text("__typename"));
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("abc\u2028")]
    [InlineData("\nabc")]
    public async Task ASlugWithALineBreakIsRefusedAndTheServerStaysWhole(string slug)
    {
        var eventId = (await hostile.Editor.EventAsync()).Text("id");
        var before = await hostile.Server.DumpDatabaseAsync();

        var errors = await hostile.Editor.FailAsync("createSession", new { eventId, title = "Line break", slug });

        Assert.Contains("\"path\":[\"input\",\"slug\"]", errors, StringComparison.Ordinal);
        Assert.Equal(before, await hostile.Server.DumpDatabaseAsync());
        using var client = hostile.Server.CreateClient();
        using var calendar = await client.GetAsync("/events/kubevirt-summit-2021/calendar.ics");
        Assert.Equal(System.Net.HttpStatusCode.OK, calendar.StatusCode);
    }

    /// <summary>
    /// The String fields of the mutation's input, nested input lists included (<c>sponsors.0.name</c>), with a
    /// plain value each would accept; Markdown fields, which keep line breaks, are left to their own tests.
    /// </summary>
    private async Task<List<(string[] Path, string Plain)>> SingleLineFieldsAsync(string mutation)
    {
        var inputType = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
        var fields = new List<(string[] Path, string Plain)>();
        await CollectAsync(inputType, []);
        return fields;

        async Task CollectAsync(string typeName, string[] prefix)
        {
            var type = await hostile.Server.QueryAsync(
                "query($name: String!) { __type(name: $name) { inputFields { name description type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } }",
                new { name = typeName });
            foreach (var field in type["__type"]!["inputFields"]!.AsArray())
            {
                var name = field.Text("name");
                var (named, isList) = Unwrap(field!["type"]!);
                if (named == "String" && !isList && !field.Text("description").Contains("Markdown", StringComparison.Ordinal))
                {
                    fields.Add(([.. prefix, name], PlainValue(name)));
                }
                else if (isList && named.EndsWith("Input", StringComparison.Ordinal))
                {
                    await CollectAsync(named, [.. prefix, name, "0"]);
                }
            }
        }
    }

    private static (string Named, bool IsList) Unwrap(JsonNode type)
    {
        var isList = false;
        while (type["name"] is null)
        {
            isList |= type.Text("kind") == "LIST";
            type = type["ofType"]!;
        }

        return (type.Text("name"), isList);
    }

    private static string PlainValue(string field) => field switch
    {
        "url" or "linkedIn" or "website" => "https://example.com/profile",
        "slug" => "line-break",
        "timeZone" => "UTC",
        _ => "Plain value",
    };

    private static void Set(JsonObject input, string[] path, string value)
    {
        JsonNode node = input;
        foreach (var step in path[..^1])
        {
            node = int.TryParse(step, out var index) ? node[index]! : (node[step] ??= step == "sponsors" ? new JsonArray(new JsonObject()) : new JsonObject());
        }

        node[path[^1]] = value;
    }
}
