using Microsoft.Extensions.Options;
using Summit.Graph.Cli;
using Summit.Graph.Hosting;
using Summit.Graph.Http;
using Summit.Graph.Telemetry;
using Summit.Graph.Webhooks;

// The host reads configuration switches only: a command's own tokens are the command line's.
var (configuration, command) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(configuration);
if (CommandLine.IsCommand(command))
{
    // A command's standard output is its result (an exported page, a new key): its log lines go to standard error.
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.AddSummitData();
builder.AddSummitGraphQL();
builder.AddSummitHealth();
builder.AddSummitHttpProtection();
builder.AddSummitTelemetry();
builder.AddSummitWebhooks();

var app = builder.Build();
// Settings the server cannot run with stop it, and every command, before they touch the database: each reason on
// standard error and the exit code of a usage error, rather than an unhandled exception's stack trace and an abort.
try
{
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (OptionsValidationException refused)
{
    foreach (var failure in refused.Failures)
    {
        await Console.Error.WriteLineAsync(failure);
    }

    return 2;
}

if (await CommandLine.RunAsync(app, command) is { } exitCode)
{
    return exitCode;
}

// A database that cannot be reached within Database:StartupTimeoutSeconds stops the start with one line, as a command does.
if (await CommandLine.ExitCodeOfDatabaseFailureAsync(async () =>
    {
        await app.PrepareDatabaseAsync(serving: true);
        return 0;
    }) is not 0 and var failed)
{
    return failed;
}

app.UseSummitHttpProtection();
app.MapSummitGraphQL();
app.MapSummitHealth();
app.MapSummitCalendar();
app.MapSummitTelemetry();
await app.RunAsync();
return 0;

public partial class Program;
