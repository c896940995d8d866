using System.Security.Claims;

namespace Summit.Graph.Limits;

/// <summary>
/// Things clients hold for a long time (subscriptions, WebSocket connections), counted against a total for the
/// server and a share per client, so one client cannot take what every other client needs.
/// </summary>
public sealed class ClientShares(int total, int perClient)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> held = [];
    private int count;

    /// <summary>
    /// Who a share or a rate belongs to: the key's name when a key was sent (a leaked key's traffic stays in its
    /// own bucket, and no secret is kept), else the remote address.
    /// </summary>
    public static string ClientOf(ClaimsPrincipal? user, HttpContext? http) =>
        user?.Identity?.IsAuthenticated == true ? $"key:{user.Identity.Name}" : $"address:{AddressBlock(http?.Connection.RemoteIpAddress)}";

    /// <summary>
    /// The client an address stands for: an IPv4 address, or the /64 network of an IPv6 one (one host can hold a
    /// whole /64 and would otherwise get a bucket, and a partition, per address).
    /// </summary>
    public static string AddressBlock(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    /// <summary>How many are held in all.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>
    /// One more for <paramref name="client"/>, released by disposing it; null when the server holds
    /// <c>total</c> (<paramref name="clientFull"/> false) or the client its share (<paramref name="clientFull"/> true).
    /// </summary>
    public IDisposable? TryEnter(string client, out bool clientFull)
    {
        lock (gate)
        {
            var mine = held.GetValueOrDefault(client);
            clientFull = mine >= perClient;
            if (clientFull || count >= total)
            {
                return null;
            }

            held[client] = mine + 1;
            count++;
            return new Share(this, client);
        }
    }

    private void Release(string client)
    {
        lock (gate)
        {
            count--;
            // Entries of clients that hold nothing are dropped: the table grows with clients connected, not clients seen.
            if (--held[client] == 0)
            {
                held.Remove(client);
            }
        }
    }

    private sealed class Share(ClientShares owner, string client) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(client);
            }
        }
    }
}
