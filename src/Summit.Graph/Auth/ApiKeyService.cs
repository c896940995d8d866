using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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

/// <summary>Who a bearer key belongs to; <see cref="Hash"/> (hex SHA-256 of the key) lets a later operation check the key again without keeping it.</summary>
public sealed record KeyHolder(string Name, ApiKeyRole Role, string Hash);

/// <summary>
/// Creates, lists, revokes and checks bearer API keys. A check is remembered for at most
/// <see cref="RecheckAfter"/>, so a key revoked anywhere (another instance, <c>keys revoke</c>) stops working
/// within that time on every connection, while a stream of events costs at most one lookup per key per second.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<SummitDbContext> contexts, IOptions<AuthOptions> options) : IDisposable
{
    public const string BootstrapKeyName = "bootstrap";

    /// <summary>The longest a key's check is reused: the delay before a revocation takes effect.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(1);

    private const string KeyPrefix = "sgk_";

    /// <summary>Bounded by entries: unknown keys are remembered too, so a flood of made-up keys cannot grow it.</summary>
    private readonly MemoryCache checkedKeys = new(new MemoryCacheOptions { SizeLimit = 10_000 });

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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another `keys create` may have taken the name between the check and the save (its unique index refused it).
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            if (await again.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
            {
                throw new ArgumentException($"A key named '{name}' exists already.", nameof(name), exception);
            }

            throw;
        }

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
        checkedKeys.Remove(key.Hash);
        return true;
    }

    /// <summary>The holder of a live key, or null for an unknown, malformed or revoked one. Database errors propagate.</summary>
    public async Task<KeyHolder?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = Hash(key);
        var bootstrap = options.Value.BootstrapEditorKey;
        if (!string.IsNullOrEmpty(bootstrap)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hash), Encoding.UTF8.GetBytes(Hash(bootstrap))))
        {
            return new KeyHolder(BootstrapKeyName, ApiKeyRole.Editor, hash);
        }

        return key.StartsWith(KeyPrefix, StringComparison.Ordinal) && key.Length <= 100 ? await FindByHashAsync(hash, cancellationToken) : null;
    }

    /// <summary>
    /// Whether the key <paramref name="user"/> authenticated with is still live (checked at most
    /// <see cref="RecheckAfter"/> ago); true for users without a key. Streams and WebSocket operations call it
    /// for every operation and event, so a connection opened with a key does not outlive the key.
    /// </summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.FindFirst(ApiKeyAuthenticationHandler.KeyHashClaim)?.Value is not { } hash)
        {
            return true;
        }

        var bootstrap = options.Value.BootstrapEditorKey;
        return (!string.IsNullOrEmpty(bootstrap) && hash == Hash(bootstrap)) || await FindByHashAsync(hash, cancellationToken) is not null;
    }

    private async Task<KeyHolder?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        if (checkedKeys.TryGetValue(hash, out Checked? remembered))
        {
            return remembered!.Holder;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holder = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new KeyHolder(k.Name, k.Role, k.Hash))
            .SingleOrDefaultAsync(cancellationToken);
        checkedKeys.Set(hash, new Checked(holder), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RecheckAfter });
        return holder;
    }

    public void Dispose() => checkedKeys.Dispose();

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private sealed record Checked(KeyHolder? Holder);
}
