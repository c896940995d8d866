using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Content.Markdown;
using Summit.Graph.IntegrationTests.Editing;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// Markdown nested past <see cref="MarkdownRenderer.MaxNesting"/> levels, at every Markdown entry point: a
/// ValidationError on the field in every mutation that takes Markdown, <c>MARKDOWN_TOO_DEEP</c> from
/// <c>renderMarkdown</c>; nothing changes and the server keeps answering.
/// </summary>
public sealed class DeepMarkdownTests(UnthrottledHostileServer hostile) : IClassFixture<UnthrottledHostileServer>
{
    public static TheoryData<string, string> DeepMarkdown => new()
    {
        { "quotes (the issue's example)", new string('>', 300) + " x" },
        { "lists", string.Concat(Enumerable.Repeat("- ", 200)) + "x" },
        { "brackets", new string('[', 300) + "x" + new string(']', 300) },
        { "emphasis", string.Concat(Enumerable.Repeat("*_", 150)) + "x" + string.Concat(Enumerable.Repeat("_*", 150)) },
        { "html elements", string.Concat(Enumerable.Repeat("<div>", 2_000)) + "x" },
    };

    /// <summary>Every Markdown field of a mutation input, with the mutation: found by introspection, as the schema describes them.</summary>
    public static TheoryData<string, string> MarkdownFields => new()
    {
        { "createSession", "abstract" },
        { "updateSession", "abstract" },
        { "updateEvent", "description" },
        { "updateEvent", "whatsNext" },
    };

    [Fact]
    public async Task TheMarkdownFieldsTestedAreEveryMarkdownFieldOfTheSchema()
    {
        var found = new List<(string, string)>();
        foreach (var mutation in EveryMutation.Names)
        {
            var type = await hostile.Server.QueryAsync("query($name: String!) { __type(name: $name) { inputFields { name description } } }",
                new { name = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input" });
            found.AddRange(type["__type"]!["inputFields"]!.AsArray()
                .Where(f => f.Text("description").Contains("Markdown", StringComparison.Ordinal))
                .Select(f => (mutation, f.Text("name"))));
        }

        Assert.Equal(MarkdownFields.Select(row => ((string)row[0], (string)row[1])).Order(), found.Order());
    }

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public async Task DeepMarkdownIsAValidationErrorOnTheFieldInEveryMutation(string name, string markdown)
    {
        foreach (var row in MarkdownFields)
        {
            var (mutation, field) = ((string)row[0], (string)row[1]);
            var input = JsonSerializer.SerializeToNode(await EveryMutation.ArrangeAsync(hostile.Editor, mutation))!.AsObject();
            input[field] = markdown;
            var before = await hostile.Server.DumpDatabaseAsync();

            var payload = await hostile.Editor.MutateAsync(mutation, input);

            var errors = payload["errors"].AsJson();
            Assert.True(errors.Contains("\"ValidationError\"", StringComparison.Ordinal) && errors.Contains($"\"path\":[\"input\",\"{field}\"]", StringComparison.Ordinal),
                $"{name} as {mutation}.{field}: {errors}");
            Assert.Contains("nests", errors, StringComparison.Ordinal);
            Assert.Equal(before, await hostile.Server.DumpDatabaseAsync());
        }

        Assert.Equal("Query", (await hostile.Server.QueryAsync("{ __typename }")).Text("__typename"));
    }

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public async Task DeepMarkdownIsMarkdownTooDeepFromRenderMarkdown(string name, string markdown)
    {
        var response = await hostile.Server.PostJsonAsync("query($markdown: String!) { renderMarkdown(markdown: $markdown) }", new { markdown }, hostile.Editor.Key);

        response.AssertRefused(HttpStatusCode.OK, "nests");
        Assert.Equal("MARKDOWN_TOO_DEEP", response.FirstErrorCode);
        Assert.Equal(["renderMarkdown"], response.Errors![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("Query", (await hostile.Server.QueryAsync("{ __typename }")).Text("__typename"));
        Assert.NotEmpty(name);
    }

    /// <summary>Markdown stored before the limit (written here straight into the database) cannot come back through a revision either.</summary>
    [Fact]
    public async Task RestoringADeepRevisionIsAValidationErrorOnTheRevision()
    {
        var id = await EveryMutation.CreateSessionAsync(hostile.Editor, "Stored before the limit");
        var key = GlobalId.Decode(id, "Session");
        await hostile.Server.ChangeDatabaseAsync(async db =>
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == key);
            session.Abstract.Markdown = new string('>', 300) + " x";
            return await db.SaveChangesAsync();
        });
        const string Session = "query($id: ID!) { node(id: $id) { ... on Session { version revisions { id } } } }";
        var stored = (await hostile.Editor.QueryAsync(Session, new { id }))["node"]!;
        await hostile.Editor.SucceedAsync("updateSession", new { id, version = stored.Number("version"), @abstract = "Flat again." });
        var updated = (await hostile.Editor.QueryAsync(Session, new { id }))["node"]!;
        var before = await hostile.Server.DumpDatabaseAsync();

        var errors = await hostile.Editor.FailAsync("restoreSessionRevision",
            new { revisionId = updated["revisions"]![0].Text("id"), version = updated.Number("version") });

        Assert.Contains("\"path\":[\"input\",\"revisionId\"]", errors, StringComparison.Ordinal);
        Assert.Contains("nests", errors, StringComparison.Ordinal);
        Assert.Equal(before, await hostile.Server.DumpDatabaseAsync());
    }
}
