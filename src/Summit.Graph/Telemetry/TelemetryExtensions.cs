using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Summit.Graph.Telemetry;

/// <summary>Registers the OpenTelemetry pipelines <see cref="TelemetryOptions"/> asks for.</summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddSummitTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.Configure<TelemetryOptions>(section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var prometheus = !string.IsNullOrWhiteSpace(options.PrometheusEndpoint);
        if (otlp is null && !prometheus)
        {
            return builder;
        }

        var protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        void Otlp(OtlpExporterOptions exporter, string signal)
        {
            // With HTTP the path names the signal; gRPC takes the collector's address as it is.
            exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(otlp!, $"v1/{signal}") : otlp!;
            exporter.Protocol = protocol;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(GraphQLTelemetry.Name))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GraphQLTelemetry.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Otlp(exporter, "metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GraphQLTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(exporter => Otlp(exporter, "traces")));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint when one is configured.</summary>
    public static WebApplication MapSummitTelemetry(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusEndpoint;
        if (!string.IsNullOrWhiteSpace(path))
        {
            app.MapPrometheusScrapingEndpoint(path);
        }

        return app;
    }
}
