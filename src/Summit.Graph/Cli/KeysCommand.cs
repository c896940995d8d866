using Summit.Graph.Auth;
using Summit.Graph.Data.Entities;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary>
/// <c>keys create --name NAME --role editor|previewer</c> (prints the key once), <c>keys list</c>,
/// <c>keys revoke --name NAME</c>.
/// </summary>
public static class KeysCommand
{
    private const string Usage = "Usage: keys create --name NAME --role editor|previewer | keys list | keys revoke --name NAME";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await app.PrepareDatabaseAsync();
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var name = CommandLine.Option(args, "--name");
        switch (args[0])
        {
            case "create" when name is not null && Enum.TryParse<ApiKeyRole>(CommandLine.Option(args, "--role") ?? "", ignoreCase: true, out var role):
                try
                {
                    var key = await keys.CreateAsync(name, role);
                    Console.WriteLine($"Created {role.ToString().ToLowerInvariant()} key '{name}'. It is shown only now; store it safely:");
                    Console.WriteLine(key);
                    return 0;
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 1;
                }

            case "list":
                foreach (var key in await keys.ListAsync())
                {
                    var state = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}Z" : "active";
                    Console.WriteLine($"{key.Name,-24} {key.Role.ToString().ToLowerInvariant(),-10} {key.Prefix}…  created {key.CreatedAt:yyyy-MM-dd HH:mm}Z  {state}");
                }

                return 0;
            case "revoke" when name is not null:
                if (await keys.RevokeAsync(name))
                {
                    Console.WriteLine($"Revoked key '{name}'.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"No active key is named '{name}'.");
                return 1;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
