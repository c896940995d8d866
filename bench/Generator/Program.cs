using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Bench.Generator;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Content.Reading;
using Summit.Graph.Data;
using Summit.Graph.Data.Import;

// Usage: Generator <database file> <2021 summit page> [events] [sessions per event] [presenters]
// Creates the database, imports the real 2021 summit (so the normal workloads still find it) and then
// the generated editions, all through the importer the server uses, so rows look like imported ones.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Generator <database file> <summit page.md> [events=50] [sessions=40] [presenters=1500]");
    return 2;
}

var shape = new ProgrammeShape(
    Events: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50,
    SessionsPerEvent: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40,
    Presenters: args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1500);
var options = new DbContextOptionsBuilder<SummitDbContext>()
    .UseSqlite($"Data Source={args[0]}", o => o.MigrationsAssembly("Summit.Graph.Migrations.Sqlite"))
    .Options;
var renderer = new MarkdownRenderer();
var clock = Stopwatch.StartNew();

await using (var db = new SummitDbContext(options))
{
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
}

var editions = new List<Summit.Graph.Content.Model.EventContent> { new PageReader().Read(await File.ReadAllTextAsync(args[1])).Event };
editions.AddRange(GeneratedProgramme.Editions(shape));
foreach (var edition in editions)
{
    await using var db = new SummitDbContext(options);
    await new ProgrammeImporter(db, renderer).ImportAsync(edition, new ImportOptions("generated"));
}

Console.WriteLine($"Wrote {editions.Count} editions ({shape.Events} generated of {shape.SessionsPerEvent} sessions, {shape.Presenters} generated presenters) to {args[0]} in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;
