using System.CommandLine;
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
    public static Command Create(Func<WebApplication> app)
    {
        var createName = NameOption("The key's name, unique among active keys.");
        var role = new Option<ApiKeyRole>("--role") { Description = "What the key may do.", Required = true };
        role.AcceptOnlyFromAmong([.. Enum.GetNames<ApiKeyRole>().Select(name => name.ToLowerInvariant())]);
        var create = new Command("create", "Creates an API key and prints it once.") { createName, role };
        create.SetAction(result => CreateAsync(app(), result.GetRequiredValue(createName), result.GetRequiredValue(role)));

        var list = new Command("list", "Lists every key: name, role, prefix, when it was created and whether it is revoked.");
        list.SetAction(_ => ListAsync(app()));

        var revokeName = NameOption("The name of the active key to revoke.");
        var revoke = new Command("revoke", "Revokes an active key; requests using it are refused from then on.") { revokeName };
        revoke.SetAction(result => RevokeAsync(app(), result.GetRequiredValue(revokeName)));

        return new Command("keys", "Creates, lists and revokes the API keys of editors and previewers.") { create, list, revoke };
    }

    private static Option<string> NameOption(string description) => new("--name") { Description = description, Required = true };

    private static async Task<int> CreateAsync(WebApplication app, string name, ApiKeyRole role)
    {
        await app.PrepareDatabaseAsync();
        try
        {
            var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(name, role);
            Console.WriteLine($"Created {role.ToString().ToLowerInvariant()} key '{name}'. It is shown only now; store it safely:");
            Console.WriteLine(key);
            return 0;
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
    }

    private static async Task<int> ListAsync(WebApplication app)
    {
        await app.PrepareDatabaseAsync();
        foreach (var key in await app.Services.GetRequiredService<ApiKeyService>().ListAsync())
        {
            var state = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}Z" : "active";
            Console.WriteLine($"{key.Name,-24} {key.Role.ToString().ToLowerInvariant(),-10} {key.Prefix}…  created {key.CreatedAt:yyyy-MM-dd HH:mm}Z  {state}");
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(WebApplication app, string name)
    {
        await app.PrepareDatabaseAsync();
        if (await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(name))
        {
            Console.WriteLine($"Revoked key '{name}'.");
            return 0;
        }

        await Console.Error.WriteLineAsync($"No active key is named '{name}'.");
        return 1;
    }
}
