using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Summit.Graph.Soak;

/// <summary>
/// Mixed reads and optimistic-concurrency updates at high concurrency against a real server process on
/// loopback. Fails (exit code 1) on any error, on a lost update (a person's final version and its Update
/// revisions must equal the updates acknowledged), and on memory growth between the first and last window.
/// </summary>
public static class SoakRun
{
    private const string EditorKey = "soak-editor-key";
    private const long AllowedGrowthBytes = 24L * 1024 * 1024;
    private const double AllowedGrowthRatio = 0.10;

    private static readonly string[] Reads =
    [
        "{ event { slug name days { date slots { startsAt track sessions { slug title presenters { name } } } } } }",
        "query($w: SessionFilterInput) { sessions(first: 20, where: $w, order: [{ title: ASC }]) { totalCount nodes { id slug title abstract { html } } } }",
        "{ presenters(first: 25) { nodes { id slug name company sessions { slug } } } }",
        "query($slug: String!) { presenter(slug: $slug) { id name version jobTitle } }",
    ];

    public static async Task<int> RunAsync(SoakOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("summit-soak-").FullName;
        var origin = $"http://127.0.0.1:{FreePort()}";
        using var server = StartServer(options.ServerDll, folder, origin);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 })
            {
                BaseAddress = new Uri(origin),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitUntilReadyAsync(client, server);
            var hot = await CreateHotPresentersAsync(client, options.HotPresenters);
            var stats = new SoakStats();

            Console.WriteLine($"Soak: {options.Seconds} s at concurrency {options.Concurrency}, {options.WritePercent}% updates on {hot.Count} shared people, warm-up {options.WarmUp.TotalSeconds:F0} s, server {origin} (pid {server.Id}).");
            // The warm-up's updates count too: the lost-update check compares with the versions at creation.
            await RunLoadAsync(client, hot, options, stats, options.WarmUp);
            var rss = new List<(double Seconds, long Bytes)>();
            var clock = Stopwatch.StartNew();
            using var sampling = new CancellationTokenSource();
            var sampler = SampleRssAsync(server.Id, clock, rss, sampling.Token);
            await RunLoadAsync(client, hot, options, stats, TimeSpan.FromSeconds(options.Seconds));
            await sampling.CancelAsync();
            await sampler;

            var violations = new List<string>();
            if (stats.Errors > 0)
            {
                violations.Add($"{stats.Errors} errors, for example: {string.Join(" | ", stats.ErrorSamples.Take(3))}");
            }

            violations.AddRange(await FindLostUpdatesAsync(client, hot, stats));
            var (first, last) = Windows(rss, options);
            var growth = last - first;
            if (growth > Math.Max(AllowedGrowthBytes, first * AllowedGrowthRatio))
            {
                violations.Add($"Memory grew from {Mb(first)} to {Mb(last)} (median RSS of the first and last {options.Window.TotalSeconds:F0} s).");
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stats.Reads} reads, {stats.Updates} updates, {stats.Conflicts} conflicts (expected: writers share people), {stats.Errors} errors; {(stats.Reads + stats.Updates + stats.Conflicts) / elapsed:F0} requests/s; RSS first {Mb(first)}, last {Mb(last)}."));
            foreach (var violation in violations)
            {
                Console.WriteLine("VIOLATION: " + violation);
            }

            Console.WriteLine(violations.Count == 0 ? "Soak passed." : "Soak failed.");
            return violations.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunLoadAsync(HttpClient client, IReadOnlyList<HotPresenter> hot, SoakOptions options, SoakStats stats, TimeSpan duration)
    {
        var deadline = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var n = 0; DateTime.UtcNow < deadline; n++)
            {
                try
                {
                    if (random.Next(100) < options.WritePercent)
                    {
                        await UpdateAsync(client, hot[random.Next(hot.Count)], $"w{worker}-{n}", stats);
                    }
                    else
                    {
                        await ReadAsync(client, random, hot, stats);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    stats.Error(exception.GetType().Name + ": " + exception.Message);
                }
            }
        }));
        await Task.WhenAll(workers);
    }

    private static async Task ReadAsync(HttpClient client, Random random, IReadOnlyList<HotPresenter> hot, SoakStats stats)
    {
        var query = Reads[random.Next(Reads.Length)];
        object variables = query.Contains("$slug", StringComparison.Ordinal) ? new { slug = hot[random.Next(hot.Count)].Slug }
            : new { w = new { title = new { containsIgnoreCase = random.Next(2) == 0 ? "kube" : "vm" } } };
        var response = await PostAsync(client, query, variables, key: null);
        if (response.Errors is not null || response.Data is null)
        {
            stats.Error($"read {response.Status}: {Short(response.Body)}");
            return;
        }

        stats.Read();
    }

    /// <summary>Reads the person's version, then updates with it: a ConflictError means another writer was first.</summary>
    private static async Task UpdateAsync(HttpClient client, HotPresenter person, string jobTitle, SoakStats stats)
    {
        var current = await PostAsync(client, "query($slug: String!) { presenter(slug: $slug) { version } }", new { slug = person.Slug }, EditorKey);
        var version = current.Data?["presenter"]?["version"]?.GetValue<int>();
        if (version is null)
        {
            stats.Error($"version read {current.Status}: {Short(current.Body)}");
            return;
        }

        var response = await PostAsync(client,
            "mutation($input: UpdatePresenterInput!) { updatePresenter(input: $input) { presenter { version } errors { __typename } } }",
            new { input = new { id = person.Id, version, jobTitle } }, EditorKey);
        var payload = response.Data?["updatePresenter"];
        var errors = payload?["errors"] as JsonArray;
        if (response.Errors is null && payload?["presenter"]?["version"] is not null && errors is null)
        {
            stats.Updated(person.Slug);
        }
        else if (response.Errors is null && errors is [{ } only] && only["__typename"]?.GetValue<string>() == "ConflictError")
        {
            stats.Conflict();
        }
        else
        {
            stats.Error($"update {response.Status}: {Short(response.Body)}");
        }
    }

    private static async Task<List<string>> FindLostUpdatesAsync(HttpClient client, IReadOnlyList<HotPresenter> hot, SoakStats stats)
    {
        var lost = new List<string>();
        foreach (var person in hot)
        {
            var response = await PostAsync(client, "query($slug: String!) { presenter(slug: $slug) { version revisions { operation } } }", new { slug = person.Slug }, EditorKey);
            var presenter = response.Data?["presenter"];
            var version = presenter?["version"]?.GetValue<int>() ?? -1;
            var updates = presenter?["revisions"]?.AsArray().Count(r => r?["operation"]?.GetValue<string>() == "UPDATE") ?? -1;
            var acknowledged = stats.UpdatesOf(person.Slug);
            if (version - person.InitialVersion != acknowledged || updates != acknowledged)
            {
                lost.Add($"{person.Slug}: {acknowledged} updates acknowledged, version went from {person.InitialVersion} to {version}, {updates} Update revisions.");
            }
        }

        return lost;
    }

    private static async Task<List<HotPresenter>> CreateHotPresentersAsync(HttpClient client, int count)
    {
        var people = new List<HotPresenter>();
        for (var i = 0; i < count; i++)
        {
            var slug = $"soak-person-{i}";
            var response = await PostAsync(client,
                "mutation($input: CreatePresenterInput!) { createPresenter(input: $input) { presenter { id version } errors { __typename } } }",
                new { input = new { name = $"Soak Person {i}", slug } }, EditorKey);
            var presenter = response.Data?["createPresenter"]?["presenter"] ?? throw new InvalidOperationException($"createPresenter failed: {response.Body}");
            people.Add(new HotPresenter(presenter["id"]!.GetValue<string>(), slug, presenter["version"]!.GetValue<int>()));
        }

        return people;
    }

    private static async Task<Response> PostAsync(HttpClient client, string query, object variables, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body) : null;
        return new Response(response.StatusCode, body, json?["data"], json?["errors"] as JsonArray ?? (response.StatusCode == HttpStatusCode.OK ? null : []));
    }

    private static async Task SampleRssAsync(int pid, Stopwatch clock, List<(double, long)> samples, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status", cancellationToken)).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                samples.Add((clock.Elapsed.TotalSeconds, kilobytes * 1024));
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static (long First, long Last) Windows(List<(double Seconds, long Bytes)> rss, SoakOptions options)
    {
        var window = options.Window.TotalSeconds;
        var end = rss[^1].Seconds;
        return (Median(rss.Where(s => s.Seconds <= window)), Median(rss.Where(s => s.Seconds >= end - window)));
    }

    private static long Median(IEnumerable<(double, long Bytes)> samples)
    {
        var sorted = samples.Select(s => s.Bytes).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static Process StartServer(string dll, string folder, string origin)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(origin);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataDirectory"] = Path.Combine(folder, "data");
        start.Environment["Auth__BootstrapEditorKey"] = EditorKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // One editor key sends every update, far above the per-client rate a person edits at: the soak measures
        // the server under load, the rate limits have tests of their own.
        start.Environment["RateLimits__MutationsPerSecond"] = "0";
        start.Environment["RateLimits__ExpensiveQueriesPerSecond"] = "0";
        // Environment variables named SOAK_SERVER_<Key> reach the server as <Key>, for example limits to lift.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (string?)e.Value)))
        {
            if (name.StartsWith("SOAK_SERVER_", StringComparison.Ordinal))
            {
                start.Environment[name["SOAK_SERVER_".Length..]] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.Ordinal)) { Console.WriteLine("server: " + line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.WriteLine("server: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The server was not ready within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record HotPresenter(string Id, string Slug, int InitialVersion);

    private sealed record Response(HttpStatusCode Status, string Body, JsonNode? Data, JsonArray? Errors);
}

/// <summary>Counters the workers share.</summary>
public sealed class SoakStats
{
    private readonly ConcurrentDictionary<string, int> updates = new(StringComparer.Ordinal);
    private long reads;
    private long conflicts;
    private long errors;

    public long Reads => Interlocked.Read(ref reads);

    public long Updates => updates.Values.Sum();

    public long Conflicts => Interlocked.Read(ref conflicts);

    public long Errors => Interlocked.Read(ref errors);

    public ConcurrentQueue<string> ErrorSamples { get; } = new();

    public int UpdatesOf(string slug) => updates.GetValueOrDefault(slug);

    public void Read() => Interlocked.Increment(ref reads);

    public void Updated(string slug) => updates.AddOrUpdate(slug, 1, (_, n) => n + 1);

    public void Conflict() => Interlocked.Increment(ref conflicts);

    public void Error(string sample)
    {
        if (Interlocked.Increment(ref errors) <= 5)
        {
            ErrorSamples.Enqueue(sample);
        }
    }
}
