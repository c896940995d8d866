using Summit.Graph.Auth;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Cli;

/// <summary><c>keys create|list|revoke</c> run as an operator runs them, against a server on the same database.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("summit-graph-keys-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task CreatedKeyIsPrintedOnceListedWithoutItselfAndStopsWorkingWhenRevoked()
    {
        var created = await RunAsync("keys", "create", "--name", "ci-bot", "--role", "editor");
        var key = created.OutputLines[^1];
        var listed = await RunAsync("keys", "list");
        var accepted = await CreatePresenterAsync(key, "Key Tester");
        var revoked = await RunAsync("keys", "revoke", "--name", "ci-bot");
        var listedAfter = await RunAsync("keys", "list");
        var refused = await CreatePresenterAsync(key, "Key Tester Two");

        Assert.Equal((0, "Created editor key 'ci-bot'. It is shown only now; store it safely:", ""), (created.ExitCode, created.OutputLines[0], created.Error));
        Assert.Matches("^sgk_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches($"^ci-bot +editor +{key[..10]}…  created \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ  active$", Assert.Single(listed.OutputLines));
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);
        Assert.Null(accepted);
        Assert.Equal((0, "Revoked key 'ci-bot'."), (revoked.ExitCode, revoked.Output.Trim()));
        Assert.Matches("  revoked \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ$", Assert.Single(listedAfter.OutputLines));
        Assert.Equal("AUTH_INVALID_KEY", refused);
    }

    [Fact]
    public async Task KeyCommandMistakesExitWithAnErrorAndCreateNothing()
    {
        await RunAsync("keys", "create", "--name", "twice", "--role", "previewer");

        var duplicate = await RunAsync("keys", "create", "--name", "twice", "--role", "editor");
        var badRole = await RunAsync("keys", "create", "--name", "x", "--role", "admin");
        var unknownRevoke = await RunAsync("keys", "revoke", "--name", "nobody");
        var listed = await RunAsync("keys", "list");

        Assert.Equal((1, "A key named 'twice' exists already. (Parameter 'name')"), (duplicate.ExitCode, duplicate.Error.Trim()));
        Assert.Equal(2, badRole.ExitCode);
        Assert.StartsWith("Argument 'admin' not recognized. Must be one of:", badRole.Error, StringComparison.Ordinal);
        Assert.Equal((1, "No active key is named 'nobody'."), (unknownRevoke.ExitCode, unknownRevoke.Error.Trim()));
        Assert.Matches("^twice +previewer ", Assert.Single(listed.OutputLines));
    }

    [Fact]
    public async Task KeyRevokedFromTheCommandLineStopsWorkingOnAnOpenWebSocket()
    {
        var key = (await RunAsync("keys", "create", "--name", "socket-bot", "--role", "editor")).OutputLines[^1];
        using var server = new SummitServer { Settings = { ["Database:Provider"] = "Sqlite", ["Database:DataDirectory"] = Path.Combine(folder, "data") } };
        using var socket = await GraphQLWebSocket.InitialisedAsync(server.Server, key);
        const string Mutation = """mutation { createPresenter(input: { name: "Socket Person" }) { errors { __typename } } }""";

        var revoked = await RunAsync("keys", "revoke", "--name", "socket-bot");
        // The server remembers a check for at most this long; the command cannot tell it sooner.
        await Task.Delay(ApiKeyService.RecheckAfter + TimeSpan.FromMilliseconds(100));
        await socket.SubscribeAsync("after", Mutation);
        var refused = await socket.ReceiveForAsync("after");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(("error", "AUTH_INVALID_KEY"), (refused["type"]!.GetValue<string>(), refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal(0, await server.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Presenters, p => p.Name == "Socket Person")));
    }

    /// <summary>
    /// A command runs without the server's settings: it must not write its own (no) configured webhooks over the
    /// server's, which would silently stop the running server's deliveries.
    /// </summary>
    [Fact]
    public async Task ACommandLeavesTheServersConfiguredWebhooksInPlace()
    {
        using var server = new SummitServer
        {
            Settings =
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataDirectory"] = Path.Combine(folder, "data"),
                ["Webhooks:Endpoints:0:Url"] = "http://127.0.0.1:9/summit",
                ["Webhooks:Endpoints:0:Secret"] = "configured-secret",
            },
        };
        Task<string[]> ConfiguredAsync() => server.WithDatabaseAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToArrayAsync(db.WebhookEndpoints.Where(e => e.FromConfiguration).Select(e => e.Url)));
        var before = await ConfiguredAsync();

        var created = await RunAsync("keys", "create", "--name", "webhook-bystander", "--role", "previewer");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(["http://127.0.0.1:9/summit"], before);
        Assert.Equal(before, await ConfiguredAsync());
    }

    /// <summary>Runs createPresenter with the key on a server over the command's database; the refusal's code, or null.</summary>
    private async Task<string?> CreatePresenterAsync(string key, string name)
    {
        using var server = new SummitServer { Settings = { ["Database:Provider"] = "Sqlite", ["Database:DataDirectory"] = Path.Combine(folder, "data") } };
        var response = await server.PostAsync("mutation($name: String!) { createPresenter(input: { name: $name }) { errors { __typename } } }", new { name }, bearerKey: key);
        Assert.True(response.Errors is not null || response.Data?["createPresenter"]?["errors"] is null, response.Body);
        return response.FirstErrorCode;
    }

    private Task<ProcessRun> RunAsync(params string[] args) => ServerProcess.RunAsync(Path.Combine(folder, "data"), args);
}
