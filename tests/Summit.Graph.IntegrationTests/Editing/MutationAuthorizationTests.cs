using System.Net;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editing;

/// <summary>Every mutation needs an editor key; anything less is refused before it runs and changes nothing.</summary>
public sealed class MutationAuthorizationTests(EditingServer editing) : IClassFixture<EditingServer>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private SummitServer Server => editing.Server;

    public static TheoryData<string> Mutations => EveryMutation.Cases;

    [Fact]
    public async Task EveryMutationFieldOfTheSchemaIsCovered()
    {
        var data = await Server.QueryAsync("{ __schema { mutationType { fields { name } } } }");

        var fields = data["__schema"]!["mutationType"]!["fields"]!.AsArray().Select(f => f.Text("name")).Order();
        Assert.Equal(EveryMutation.Names.Order(), fields);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task MutationIsRefusedWithoutAnEditorKeyAndChangesNothing(string mutation)
    {
        var input = await EveryMutation.ArrangeAsync(editing.Editor, mutation);
        var query = await editing.Editor.MutationTextAsync(mutation);
        var before = await Server.DumpDatabaseAsync();
        var lastRevision = await LastRevisionIdAsync();

        var anonymous = await Server.PostAsync(query, new { input }, GraphQLResponse);
        var previewer = await Server.PostAsync(query, new { input }, GraphQLResponse, editing.PreviewerKey);
        var revoked = await Server.PostAsync(query, new { input }, GraphQLResponse, editing.RevokedKey);
        var unknown = await Server.PostAsync(query, new { input }, GraphQLResponse, "sgk_not-a-key-anyone-was-given");

        Assert.Equal((HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED", null), Refusal(anonymous));
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal((HttpStatusCode.Forbidden, "AUTH_NOT_AUTHORIZED", null), Refusal(previewer));
        Assert.Equal((HttpStatusCode.Unauthorized, "AUTH_INVALID_KEY", null), Refusal(revoked));
        Assert.Equal((HttpStatusCode.Unauthorized, "AUTH_INVALID_KEY", null), Refusal(unknown));
        Assert.Equal(before, await Server.DumpDatabaseAsync());

        // The same request from an editor changes the database (the refusals are what kept it unchanged)
        // and writes revisions of content in the editor's name (webhooks are not content: they have none).
        var payload = await editing.Editor.MutateAsync(mutation, input);
        Assert.Null(payload["errors"]);
        Assert.NotEqual(before, await Server.DumpDatabaseAsync());
        var authors = await Server.WithDatabaseAsync(db => db.Revisions.Where(r => r.Id > lastRevision).Select(r => r.Author).Distinct().ToListAsync());
        Assert.Equal(EveryMutation.WebhookMutations.Contains(mutation) ? [] : ["alice"], authors);
    }

    private async Task<int> LastRevisionIdAsync() => await Server.WithDatabaseAsync(db => db.Revisions.MaxAsync(r => (int?)r.Id)) ?? 0;

    [Fact]
    public async Task LegacyJsonClientGetsTheRefusalWithStatus200()
    {
        var query = await editing.Editor.MutationTextAsync("createPresenter");

        var response = await Server.PostAsync(query, new { input = new { name = "Nobody" } }, "application/json", editing.PreviewerKey);

        Assert.Equal((HttpStatusCode.OK, "AUTH_NOT_AUTHORIZED", null), Refusal(response));
    }

    [Fact]
    public async Task BootstrapKeyFromConfigurationWorksAsAnEditorNamedBootstrap()
    {
        var bootstrap = new Editor(Server, EditingServer.BootstrapKey);

        var payload = await bootstrap.SucceedAsync("createPresenter", new { name = "Bootstrapped Person" }, "presenter { slug revisions { author operation } }");

        Assert.Equal("""{"slug":"bootstrapped-person","revisions":[{"author":"bootstrap","operation":"CREATE"}]}""", payload["presenter"].AsJson());
    }

    [Fact]
    public async Task ReadingRevisionsNeedsAnEditorOrPreviewerKey()
    {
        const string Query = """{ session(slug: "welcome") { revisions { id } } }""";

        var anonymous = await Server.PostAsync(Query);
        var previewer = await Server.PostAsync(Query, bearerKey: editing.PreviewerKey);

        Assert.Equal(("AUTH_NOT_AUTHORIZED", "null"), (anonymous.FirstErrorCode, anonymous.Data?["session"]?.AsJson() ?? "null"));
        Assert.Null(previewer.Errors);
    }

    private static (HttpStatusCode Status, string? Code, string? Data) Refusal(GraphQLResponse response) =>
        (response.Status, response.Errors is { Count: 1 } ? response.FirstErrorCode : $"{response.Errors?.Count ?? 0} errors: {response.Body}", response.Data?.AsJson());
}
