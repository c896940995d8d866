using Summit.Graph.Cli;
using Summit.Graph.Hosting;
using Summit.Graph.Http;
using Summit.Graph.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddSummitData();
builder.AddSummitGraphQL();
builder.AddSummitHealth();
builder.AddSummitHttpProtection();
builder.AddSummitTelemetry();

var app = builder.Build();
if (await CommandLine.RunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

await app.PrepareDatabaseAsync();
app.UseSummitHttpProtection();
app.MapSummitGraphQL();
app.MapSummitHealth();
app.MapSummitCalendar();
app.MapSummitTelemetry();
await app.RunAsync();
return 0;

public partial class Program;
