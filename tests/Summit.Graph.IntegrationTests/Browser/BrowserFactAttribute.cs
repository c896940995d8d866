namespace Summit.Graph.IntegrationTests.Browser;

/// <summary>
/// A test that drives Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>). A machine with only
/// the .NET SDK and Node.js has none: there the test is skipped, so `dotnet test` passes, unless
/// <c>SUMMIT_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>, which installs Chromium) makes a missing browser a failure.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>The environment variable that, set to 1, turns a missing browser from a skip into a failure.</summary>
    public const string RequireVariable = "SUMMIT_REQUIRE_BROWSER";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && !Required)
        {
            Skip = $"No Chromium at {Chromium}: install it (apt-get install -y chromium), or set {RequireVariable}=1 to fail instead of skipping.";
        }
    }

    /// <summary>The browser's executable: <c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string Chromium { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>Whether <see cref="RequireVariable"/> is 1.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";
}
