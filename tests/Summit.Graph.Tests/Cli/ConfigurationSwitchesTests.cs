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
        var kept = ConfigurationSwitches.Remove(commandLine.Split(' '), Commands, Options);

        Assert.Equal(left, string.Join(' ', kept));
    }
}
