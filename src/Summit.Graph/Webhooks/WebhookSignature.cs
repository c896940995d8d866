using System.Security.Cryptography;
using System.Text;

namespace Summit.Graph.Webhooks;

/// <summary>Signs bodies as GitHub's webhooks do: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "X-Summit-Signature-256";

    /// <summary>The header carrying the event's id, the same on every retry and for every endpoint.</summary>
    public const string EventIdHeader = "X-Summit-Event-Id";

    /// <summary>The header carrying the event's name (<c>session.published</c>, <c>ping</c>).</summary>
    public const string EventHeader = "X-Summit-Event";

    /// <summary>The header value for <paramref name="body"/> (UTF-8) signed with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
