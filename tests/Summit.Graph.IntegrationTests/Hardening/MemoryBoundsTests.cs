using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Http;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hardening;

/// <summary>
/// The in-process caches that requests fill are bounded in bytes, with keys whose size does not grow with the
/// request: many distinct large requests leave each cache at or under its configured budget.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed class MemoryBoundsTests(SummitServer server)
{
    private const int Budget = 20_000;

    [Fact]
    public async Task RememberedCountsKeepAFixedSizeKeyWhateverTheFilter()
    {
        using var bounded = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:CountCacheBytes", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = bounded.CreateClient();
        var counts = bounded.Services.GetRequiredService<TotalCounts>();

        for (var i = 0; i < 10; i++)
        {
            // 500 values of about 40 characters: a 20 KB filter that once became a 20 KB key.
            var values = Enumerable.Range(0, 500).Select(v => $"{i}-{v}-" + new string('x', 32)).ToArray();
            using var response = await client.SendAsync(Requests.Post(
                "query($w: SessionFilterInput) { sessions(first: 1, where: $w) { totalCount } }",
                new { w = new { slug = new { @in = values } } }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(counts.EstimatedBytes, 1, 10 * 1_000);
    }

    [Fact]
    public async Task RememberedCountsStayWithinTheirBudget()
    {
        using var bounded = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:CountCacheBytes", "2000"));
        using var client = bounded.CreateClient();
        var counts = bounded.Services.GetRequiredService<TotalCounts>();

        for (var i = 0; i < 40; i++)
        {
            using var response = await client.SendAsync(Requests.Post(
                "query($w: SessionFilterInput) { sessions(first: 1, where: $w) { totalCount } }", new { w = new { title = new { contains = $"t{i}" } } }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(counts.EstimatedBytes, 1, 2_000);
    }

    [Fact]
    public async Task ValidatedDocumentsStayWithinTheirBudget()
    {
        using var bounded = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:DocumentCacheBytes", "200000"));
        using var client = bounded.CreateClient();
        var documents = bounded.Services.GetRequiredService<ValidatedDocuments>();

        for (var i = 0; i < 60; i++)
        {
            var fields = string.Join(' ', Enumerable.Range(0, 40).Select(f => $"t{f}: __typename"));
            using var response = await client.SendAsync(Requests.Post($"query Q{i} {{ {fields} event {{ slug }} }}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Sixty such documents take more than the budget: the cache keeps what fits.
        Assert.InRange(documents.EstimatedBytes, 1, 200_000);
    }

    [Fact]
    public async Task AutomaticPersistedQueriesStayWithinTheirBudget()
    {
        using var bounded = server.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:PersistedQueryCacheBytes", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = bounded.CreateClient();
        var persisted = bounded.Services.GetRequiredService<PersistedDocuments>();

        for (var i = 0; i < 60; i++)
        {
            var query = $"query Q{i} {{ event {{ slug }} }} # " + new string('x', 1_000);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
            var body = new JsonObject
            {
                ["query"] = query,
                ["extensions"] = new JsonObject { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = hash } },
            };
            using var response = await client.PostAsync("/graphql", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(persisted.EstimatedBytes, 2_000, Budget);
    }

    [Fact]
    public async Task CompiledQueriesStayWithinTheirBudget()
    {
        using var bounded = server.WithWebHostBuilder(builder => builder.UseSetting("Database:CompiledQueryCacheSize", "20"));
        using var client = bounded.CreateClient();
        var compiled = bounded.Services.GetRequiredService<Summit.Graph.Hosting.CompiledQueryCache>();
        string[] fields = ["slug", "title", "programmeTitle"];
        string[] operations = ["eq", "contains", "startsWith", "endsWith", "neq", "ncontains"];

        foreach (var field in fields)
        {
            foreach (var operation in operations)
            {
                // Each pair of terms is a shape of its own: a query EF Core compiles anew.
                using var response = await client.SendAsync(Requests.Post(
                    $$"""{ sessions(first: 2, where: { or: [{ {{field}}: { {{operation}}: "x" } }, { presenters: { some: { name: { {{operation}}: "y" } } } }] }) { nodes { slug } } }"""));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.InRange(compiled.Count, 1, 20);
    }
}
