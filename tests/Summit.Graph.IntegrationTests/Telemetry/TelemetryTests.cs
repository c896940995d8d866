using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Summit.Graph.IntegrationTests.Hardening;
using Summit.Graph.IntegrationTests.Infrastructure;
using Summit.Graph.Telemetry;

namespace Summit.Graph.IntegrationTests.Telemetry;

/// <summary>
/// OpenTelemetry over HTTP against the real host: the Prometheus scrape endpoint, one span per GraphQL operation
/// with its name, cost and error codes, bounded metric series, and OTLP export to a collector on loopback.
/// </summary>
[Collection(SummitServerCollection.Name)]
public sealed partial class TelemetryTests(SummitServer server)
{
    [Fact]
    public async Task PrometheusShowsOperationsByNameAndOutcome()
    {
        using var host = server.WithWebHostBuilder(builder => builder.UseSetting("Telemetry:PrometheusEndpoint", "/metrics"));
        using var client = host.CreateClient();
        using var ok = await client.SendAsync(Requests.Post("query MetricsTitles { sessions(first: 2) { nodes { title } } }"));
        using var failed = await client.SendAsync(Requests.Post("query MetricsZone { sessions(first: 1) { nodes { updatedAt(timeZone: \"Mars/Olympus\") } } }"));

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Matches(@"graphql_server_operations_total\{[^}]*graphql_operation_name=""MetricsTitles""[^}]*summit_graphql_outcome=""ok""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"graphql_server_operations_total\{[^}]*graphql_operation_name=""MetricsZone""[^}]*summit_graphql_outcome=""error""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"graphql_server_operation_duration_seconds_bucket\{[^}]*graphql_operation_name=""MetricsTitles""", metrics);
        Assert.Matches(@"graphql_server_operation_cost_bucket\{[^}]*graphql_operation_name=""MetricsTitles""", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnExporterThereIsNoScrapeEndpoint()
    {
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EachOperationIsASpanWithItsNameCostAndErrorCodes()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GraphQLTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        await server.PostAsync("query SpanTitles { sessions(first: 2) { nodes { title } } }");
        await server.PostAsync("query SpanZone { sessions(first: 1) { nodes { updatedAt(timeZone: \"Mars/Olympus\") } } }");

        Activity[] seen;
        lock (spans)
        {
            seen = [.. spans];
        }

        var titles = Assert.Single(seen, s => s.DisplayName == "GraphQL query SpanTitles");
        Assert.Equal("query", titles.GetTagItem("graphql.operation.type"));
        Assert.Equal("SpanTitles", titles.GetTagItem("graphql.operation.name"));
        Assert.True(titles.GetTagItem("summit.graphql.cost") is double cost && cost > 0, "The span carries the operation's cost.");
        Assert.Equal(ActivityStatusCode.Unset, titles.Status);
        var zone = Assert.Single(seen, s => s.DisplayName == "GraphQL query SpanZone");
        Assert.Equal("UNKNOWN_TIME_ZONE", zone.GetTagItem("summit.graphql.error_codes"));
        Assert.Equal(ActivityStatusCode.Error, zone.Status);
    }

    /// <summary>Operation names come from clients: one series per name would let a stranger grow the metrics forever.</summary>
    [Fact]
    public async Task OperationNamesAreBoundedInTheMetrics()
    {
        using var host = server.WithWebHostBuilder(builder => builder.UseSetting("Telemetry:PrometheusEndpoint", "/metrics"));
        using var client = host.CreateClient();
        for (var i = 0; i < GraphQLTelemetry.MaxOperationNames + 20; i++)
        {
            using var response = await client.SendAsync(Requests.Post($"query Random{Guid.NewGuid():N} {{ __typename }}"));
        }

        var metrics = await client.GetStringAsync("/metrics");

        var names = OperationNameLabel().Matches(metrics).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains(GraphQLTelemetry.OtherName, names);
        Assert.True(names.Count <= GraphQLTelemetry.MaxOperationNames + 2, $"{names.Count} operation names in the metrics.");
    }

    [Fact]
    public async Task TracesGoToTheOtlpCollector()
    {
        using var collector = new HttpListener();
        var port = FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = ReceiveTracesAsync(collector);
        using var host = server.WithWebHostBuilder(builder => builder
            .UseSetting("Telemetry:OtlpEndpoint", $"http://127.0.0.1:{port}/")
            .UseSetting("Telemetry:OtlpProtocol", "http/protobuf"));
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Requests.Post("query OtlpTitles { sessions(first: 2) { nodes { title } } }"));
        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "The exporter did not flush.");

        var body = await received.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("GraphQL query OtlpTitles", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    /// <summary>The first batch of spans that names the operation (other hosts of the fixture may export too).</summary>
    private static async Task<byte[]> ReceiveTracesAsync(HttpListener collector)
    {
        while (true)
        {
            var context = await collector.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.Close();
            var bytes = body.ToArray();
            if (context.Request.Url!.AbsolutePath == "/v1/traces" && Encoding.UTF8.GetString(bytes).Contains("OtlpTitles", StringComparison.Ordinal))
            {
                return bytes;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"graphql_operation_name=""([^""]*)""")]
    private static partial Regex OperationNameLabel();
}
