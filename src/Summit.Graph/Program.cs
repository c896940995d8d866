using Summit.Graph.Cli;
using Summit.Graph.Hosting;
using Summit.Graph.Http;
using Summit.Graph.Telemetry;
using Summit.Graph.Webhooks;

// The host reads configuration switches only: a command's own tokens are the command line's.
var (configuration, command) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(configuration);
builder.AddSummitData();
builder.AddSummitGraphQL();
builder.AddSummitHealth();
builder.AddSummitHttpProtection();
builder.AddSummitTelemetry();
builder.AddSummitWebhooks();

var app = builder.Build();
if (await CommandLine.RunAsync(app, command) is { } exitCode)
{
    return exitCode;
}

await app.PrepareDatabaseAsync(serving: true);
app.UseSummitHttpProtection();
app.MapSummitGraphQL();
app.MapSummitHealth();
app.MapSummitCalendar();
app.MapSummitTelemetry();
await app.RunAsync();
return 0;

public partial class Program;
