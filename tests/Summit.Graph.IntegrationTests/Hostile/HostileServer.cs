using Summit.Graph.Data.Entities;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hostile;

/// <summary>
/// A server of its own for one hostile test class, in the Production environment (as deployed: errors carry
/// no exception details), with an editor key named <c>mallory</c>.
/// </summary>
public class HostileServer : IAsyncLifetime
{
    public HostileServer()
    {
        Server.Settings["environment"] = "Production";
    }

    public SummitServer Server { get; } = new();

    public Editor Editor { get; private set; } = null!;

    public async Task InitializeAsync() => Editor = new Editor(Server, await Server.CreateKeyAsync("mallory", ApiKeyRole.Editor));

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// A hostile server without the mutation rate limit (<c>RateLimitTests</c> tests that), for classes that try
/// hundreds of refused mutations: a fast machine would otherwise hit the limit, a slow one not.
/// </summary>
public sealed class UnthrottledHostileServer : HostileServer
{
    public UnthrottledHostileServer()
    {
        Server.Settings["RateLimits:MutationsPerSecond"] = "0";
    }
}
