using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Hosting;

/// <summary>A setting the server cannot run with, as an operator meets it: the process, its exit code and its output.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("--Webhooks:GiveUpAfter=00:00:00", "Webhooks:GiveUpAfter (00:00:00) must be positive: it is how long after a change its delivery is tried.")]
    [InlineData("--Webhooks:DeliveredRetention=10.00:00:00", "Webhooks:DeliveredRetention is now Webhooks:FinishedRetention (it also keeps failed deliveries); rename the setting.")]
    [InlineData("--Webhooks:Lease=00:00:30", "Webhooks:Lease (00:00:30) must be longer than one round of sending (00:00:42: 3 attempts of at most Webhooks:AttemptTimeout and the waits between them), or a slow send could be sent again by another instance.")]
    [InlineData("--Database:Provider=Oracle", "Database:Provider 'Oracle' is not supported; use Sqlite, SqlServer or PostgreSql.")]
    [InlineData("--Database:Provider=PostgreSql", "Database:Provider is PostgreSql but no connection string is set: set Database:ConnectionString or ConnectionStrings:Summit.")]
    // Configured webhooks follow registerWebhook's rules: an event name that names no events, a URL that is not absolute
    // http(s), no secret.
    [InlineData("--Webhooks:Endpoints:0:Events:1=sessions", "Webhooks:Endpoints:0: 'sessions' is not an event name such as session.published, session.* or *.")]
    [InlineData("--Webhooks:Endpoints:0:Events:1=session.created", "Webhooks:Endpoints:0: 'session.created' is not an event name such as session.published, session.* or *.")]
    [InlineData("--Webhooks:Endpoints:0:Events:1=Session.*", "Webhooks:Endpoints:0: 'Session.*' is not an event name such as session.published, session.* or *.")]
    [InlineData("--Webhooks:Endpoints:0:Url=ftp://127.0.0.1/hooks", "Webhooks:Endpoints:0: 'ftp://127.0.0.1/hooks' is not an absolute http or https URL.")]
    [InlineData("--Webhooks:Endpoints:0:Secret=", "Webhooks:Endpoints:0: A secret of 1 to 200 characters is required: receivers check the signature made with it.")]
    public async Task ARefusedSettingStopsTheStartWithItsReasonAndExitCode2BeforeTheDatabaseIsTouched(string setting, string reason)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("summit-settings-").FullName;
        try
        {
            // A valid configured webhook, which the setting under test overrides in part.
            var run = await ServerProcess.RunAsync(dataDirectory,
                "--Webhooks:Endpoints:0:Url=http://127.0.0.1:9/hooks", "--Webhooks:Endpoints:0:Secret=a secret", "--Webhooks:Endpoints:0:Events:0=session.published",
                setting, "--urls", "http://127.0.0.1:0");

            Assert.Equal((2, reason), (run.ExitCode, run.Error.Trim()));
            Assert.DoesNotContain("Unhandled exception", run.Output + run.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(dataDirectory));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
