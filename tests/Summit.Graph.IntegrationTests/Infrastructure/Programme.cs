using System.Text.Json.Nodes;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>The seeded 2021 summit as the tests expect it, worked out by hand from the seed page.</summary>
public static class Programme
{
    /// <summary>All twenty session slugs in programme order (slot start, then title); one session per slot.</summary>
    public static readonly string[] Sessions =
    [
        "welcome", "automated-migration", "prow", "templates", "tekton",
        "snapshots", "upgrades", "hotplug", "pci-passthrough", "harvester",
        "sriov", "forklift", "hco", "capabilities", "molecule",
        "batch-api", "cpu-pinning", "road-v1", "vfx", "office-hours",
    ];

    /// <summary>The sessions in programme order, leaving out <paramref name="slugs"/>.</summary>
    public static string[] SessionsExcept(params string[] slugs) => [.. Sessions.Except(slugs)];

    /// <summary>The slugs of <c>sessions(first: 50, ...)</c>, in the order the server returns them.</summary>
    public static async Task<string[]> SessionSlugsAsync(this SummitServer server, string arguments, object? variables = null, string variableDeclarations = "")
    {
        var declarations = variableDeclarations.Length == 0 ? string.Empty : $"({variableDeclarations})";
        var data = await server.QueryAsync($"query{declarations} {{ sessions(first: 50, {arguments}) {{ nodes {{ slug }} }} }}", variables);
        return Strings(data["sessions"]!["nodes"]!, "slug");
    }

    public static string[] Strings(JsonNode nodes, string field) =>
        [.. nodes.AsArray().Select(n => n![field]!.GetValue<string>())];
}
