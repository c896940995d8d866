using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// A server of its own for one hostile test class, in the Production environment (as deployed: errors carry
/// no exception details), with an editor key named <c>mallory</c>.
/// </summary>
public sealed class HostileServer : IAsyncLifetime
{
    public SummitServer Server { get; } = new() { Settings = { ["environment"] = "Production" } };

    public Editor Editor { get; private set; } = null!;

    public async Task InitializeAsync() => Editor = new Editor(Server, await Server.CreateKeyAsync("mallory", ApiKeyRole.Editor));

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
