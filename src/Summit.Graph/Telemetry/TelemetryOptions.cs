namespace Summit.Graph.Telemetry;

/// <summary>
/// <c>Telemetry:*</c>: where traces and metrics go. Both exporters are off by default; with neither, the server
/// registers no OpenTelemetry pipeline at all.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An OTLP collector (<c>http://127.0.0.1:4317</c> for gRPC, or <c>http://127.0.0.1:4318</c> with
    /// <see cref="OtlpProtocol"/> <c>http/protobuf</c>): traces (ASP.NET Core, EF Core, one span per GraphQL operation)
    /// and metrics are exported there. Empty: no OTLP export.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>, as the OpenTelemetry specification names them.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// The path of a Prometheus scrape endpoint (<c>/metrics</c>) serving the metrics in Prometheus's text format.
    /// Empty: none. It is public: put it behind the network's own access rules.
    /// </summary>
    public string? PrometheusEndpoint { get; set; }
}
