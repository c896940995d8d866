using Summit.Graph.Cli;
using Summit.Graph.Hosting;
using Summit.Graph.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddSummitData();
builder.AddSummitGraphQL();
builder.AddSummitHealth();
builder.AddSummitHttpProtection();

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
await app.RunAsync();
return 0;

public partial class Program;
