using Summit.Graph.Cli;

namespace Summit.Graph.Tests.Cli;

public sealed class ConfigurationSwitchesTests
{
    private static readonly HashSet<string> Commands = ["import", "export", "keys"];
    private static readonly HashSet<string> Options = ["--event", "--output", "--layout", "--name", "--role"];

    [Theory]
    [InlineData("import a.md --Database:DataDirectory=/srv/data b.md", "import a.md b.md")]
    [InlineData("import a.md --Database:DataDirectory /srv/data b.md", "import a.md b.md")]
    [InlineData("--Database:DataDirectory=/srv/data import a.md", "import a.md")]
    [InlineData("--contentRoot /app --urls=http://127.0.0.1:5000 import a.md", "import a.md")]
    [InlineData("export --event e --Logging:LogLevel:Default Warning --output=out.md", "export --event e --output=out.md")]
    [InlineData("export --event e --environment=Production", "export --event e")]
    [InlineData("import --help", "import --help")]
    [InlineData("--help", "--help")]
    [InlineData("import --dry-run a.md", "import --dry-run a.md")]
    [InlineData("--urls http://127.0.0.1:5000", "")]
    public void SwitchesOfTheHostAreTakenOutWhereverTheyStand(string commandLine, string left)
    {
        var (_, kept) = ConfigurationSwitches.Split(commandLine.Split(' '), Commands, Options);

        Assert.Equal(left, string.Join(' ', kept));
    }

    [Theory]
    [InlineData("import a.md --dry-run --Database:DataDirectory=/srv/data", "--Database:DataDirectory=/srv/data")]
    [InlineData("--contentRoot /app import --allow-removals --Logging:LogLevel:Default Warning a.md", "--contentRoot=/app --Logging:LogLevel:Default=Warning")]
    [InlineData("import --dry-run a.md", "")]
    public void HostGetsOnlyTheSwitchesSoAFlagNeverSwallowsOne(string commandLine, string configuration)
    {
        var (switches, _) = ConfigurationSwitches.Split(commandLine.Split(' '), Commands, Options);

        Assert.Equal(configuration, string.Join(' ', switches));
    }
}
