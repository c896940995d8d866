using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP receiver of webhooks: Kestrel on 127.0.0.1 and a fixed free port, so it can be stopped (connections
/// refused, as a receiver that is down) and started again at the same URL. Records every request it answers.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentDictionary<string, int> attemptsByEvent = new();
    private WebApplication? app;

    public int Port { get; } = RunningServer.FreePort();

    /// <summary>The URL of <paramref name="path"/> on this receiver.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>The status answered to the <c>n</c>th delivery of an event id (from 1); 200 unless a test says otherwise.</summary>
    public Func<int, HttpStatusCode> Answer { get; set; } = _ => HttpStatusCode.OK;

    /// <summary>A <c>Retry-After</c> value (seconds or an HTTP date) sent with every answer that is not 2xx; none unless a test says otherwise.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>The requests answered with a 2xx status, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. received.Where(r => r.Accepted)];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context, string path) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            var eventId = headers["X-Summit-Event-Id"].ToString();
            var status = Answer(attemptsByEvent.AddOrUpdate(eventId, 1, (_, n) => n + 1));
            received.Enqueue(new ReceivedWebhook(path, body, headers["X-Summit-Signature-256"].ToString(), eventId, headers["X-Summit-Event"].ToString(), (int)status < 300));
            if ((int)status >= 300 && RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Results.StatusCode((int)status);
        });
        await app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>Waits until accepted requests satisfy <paramref name="done"/>; returns them.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, string what) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Accepted is var accepted && done(accepted) ? accepted : null), what);

    /// <summary>The accepted events about the object <paramref name="globalId"/> sent to <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> About(string globalId, string path) =>
        [.. Accepted.Where(r => r.Path == path && r.Json["id"]?.GetValue<string>() == globalId)];

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();
}

/// <summary>One request a <see cref="WebhookReceiver"/> answered.</summary>
public sealed record ReceivedWebhook(string Path, string Body, string Signature, string EventId, string Event, bool Accepted)
{
    public JsonNode Json { get; } = JsonNode.Parse(Body)!;

    public string Name => Json["event"]!.GetValue<string>();

    /// <summary>Whether the signature is the hex HMAC-SHA256 of the exact body with <paramref name="secret"/>, as a receiver checks it.</summary>
    public bool SignedWith(string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Signature));
    }
}
