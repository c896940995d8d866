using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Bench.Baseline;
using Summit.Graph.Data;

// What a team would write by hand for the two busiest pages: one EF Core projection each, serialised with
// System.Text.Json's source generator. The JSON equals the GraphQL responses byte for byte, so the
// benchmark compares the cost of the same answer.
var builder = WebApplication.CreateSlimBuilder(args);
// The same log levels as the server's appsettings.json.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
var database = builder.Configuration["Database"] ?? throw new InvalidOperationException("Pass --Database=<path of summit.db>.");
builder.Services.AddPooledDbContextFactory<SummitDbContext>(options => options.UseSqlite($"Data Source={database};Pooling=True"));
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default);
    json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    // GraphQL spells enum values in upper snake case (OFFICE_HOURS).
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
});

var app = builder.Build();
app.MapGet("/schedule/{eventSlug}", async (string eventSlug, IDbContextFactory<SummitDbContext> contexts, CancellationToken cancellationToken) =>
{
    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
    return new ScheduleResponse(new ScheduleData(await Pages.ScheduleAsync(db, eventSlug, cancellationToken)));
});
app.MapGet("/sessions/{slug}", async (string slug, IDbContextFactory<SummitDbContext> contexts, CancellationToken cancellationToken) =>
{
    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
    return new SessionPageResponse(new SessionPageData(await Pages.SessionAsync(db, slug, cancellationToken)));
});
// The ceiling: Kestrel answering the server's own schedule bytes (the file --Ceiling names, read at the first request,
// after bench/run.sh has written it) from memory, with no work at all: what a response cache could reach at best.
var ceiling = new Lazy<byte[]>(() => File.ReadAllBytes(builder.Configuration["Ceiling"] ?? throw new InvalidOperationException("Pass --Ceiling=<file of the schedule's JSON>.")));
app.MapMethods("/ceiling", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
{
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = ceiling.Value.Length;
    await http.Response.Body.WriteAsync(ceiling.Value, http.RequestAborted);
});
await app.RunAsync();

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScheduleResponse))]
[JsonSerializable(typeof(SessionPageResponse))]
internal sealed partial class BaselineJson : JsonSerializerContext;
