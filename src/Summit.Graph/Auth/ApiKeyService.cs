using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Auth;

/// <summary>Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// An editor key accepted without being stored, for container deployments (<c>Auth__BootstrapEditorKey</c>).
    /// Use it to create stored keys, then remove it.
    /// </summary>
    public string? BootstrapEditorKey { get; set; }
}

/// <summary>Who a bearer key belongs to.</summary>
public sealed record KeyHolder(string Name, ApiKeyRole Role);

/// <summary>Creates, lists, revokes and checks bearer API keys.</summary>
public sealed class ApiKeyService(IDbContextFactory<SummitDbContext> contexts, IOptions<AuthOptions> options)
{
    public const string BootstrapKeyName = "bootstrap";
    private const string KeyPrefix = "sgk_";

    /// <summary>Creates a key and returns it: the only time the key itself is ever seen.</summary>
    public async Task<string> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name == BootstrapKeyName)
        {
            throw new ArgumentException($"A key name is 1 to 100 characters and not '{BootstrapKeyName}'.", nameof(name));
        }

        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
        {
            throw new ArgumentException($"A key named '{name}' exists already.", nameof(name));
        }

        db.ApiKeys.Add(new ApiKey { Name = name, Role = role, Hash = Hash(key), Prefix = key[..10], CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken);
    }

    /// <returns>Whether a live key of that name existed.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The holder of a live key, or null for an unknown or revoked one.</summary>
    public async Task<KeyHolder?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var bootstrap = options.Value.BootstrapEditorKey;
        if (!string.IsNullOrEmpty(bootstrap)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Hash(key)), Encoding.UTF8.GetBytes(Hash(bootstrap))))
        {
            return new KeyHolder(BootstrapKeyName, ApiKeyRole.Editor);
        }

        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        var hash = Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new KeyHolder(k.Name, k.Role))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
