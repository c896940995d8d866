using System.CommandLine;
using System.CommandLine.Help;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Hosting;

namespace Summit.Graph.Cli;

/// <summary>
/// The server's commands (<c>dotnet run --project src/Summit.Graph -- import PATH...</c>), parsed by
/// System.CommandLine. Each runs against the configured database and exits; with no command the server starts.
/// Configuration switches such as <c>--Database:DataDirectory=DIR</c> may stand anywhere (see
/// <see cref="ConfigurationSwitches"/>); relative paths are taken from the folder the command is run in.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code of a command line that could not be parsed: an unknown command or option, a missing value.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when the database cannot be reached or another writer holds it locked: try again later (sysexits' <c>EX_TEMPFAIL</c>).</summary>
    public const int DatabaseUnavailable = 75;

    /// <summary>Exit code when the database refused the work for another reason (a read-only file, a full disk, a damaged database).</summary>
    public const int DatabaseFailed = 1;

    /// <summary>The configuration switches of <paramref name="args"/>, for the host, and the command's own tokens, for <see cref="RunAsync"/>.</summary>
    public static (string[] Configuration, IReadOnlyList<string> Command) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = TreeToRead();
        var (configuration, command) = ConfigurationSwitches.Split(args, CommandNames(root), OptionNames(root).ToHashSet(StringComparer.Ordinal));
        return ([.. configuration], command);
    }

    /// <summary>
    /// Whether <paramref name="tokens"/> (from <see cref="Split"/>) run a command rather than start the server: a command's
    /// name, a help switch, or anything else that is not an option (a mistyped command, refused as a usage error).
    /// </summary>
    public static bool IsCommand(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Count > 0
            && (CommandNames(TreeToRead()).Contains(tokens[0])
                || tokens.Any(ConfigurationSwitches.IsHelp)
                || !tokens[0].StartsWith('-'));
    }

    /// <summary>Runs the command <paramref name="tokens"/> name and returns its exit code; null when they name none, to start the server.</summary>
    public static async Task<int?> RunAsync(WebApplication app, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!IsCommand(tokens))
        {
            return null;
        }

        var root = Create(() => app);
        var optionNames = OptionNames(root).ToHashSet(StringComparer.Ordinal);

        var result = root.Parse(tokens, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // The parser would take an unknown option for a path; a page's name never starts with "--".
        var unknownOptions = tokens.Where(token => token.StartsWith("--", StringComparison.Ordinal) && token != "--"
            && !ConfigurationSwitches.IsHelp(token) && !optionNames.Contains(token.Split('=')[0]));
        var errors = result.Errors.Select(error => error.Message).Concat(unknownOptions.Select(option => $"Unrecognized option '{option}'.")).ToList();
        if (errors.Count > 0 && result.Action is not HelpAction)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            await Console.Error.WriteLineAsync($"Run '{string.Join(' ', CommandPath(result))} --help' for usage.");
            return UsageError;
        }

        return await ExitCodeOfDatabaseFailureAsync(() => result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    /// <summary>
    /// Runs <paramref name="step"/> (a command, or the server's start-up) and returns its exit code. A database failure,
    /// or a database not migrated within <c>Database:StartupTimeoutSeconds</c> (<see cref="DatabaseStartupTimeoutException"/>),
    /// becomes one line on standard error and <see cref="DatabaseUnavailable"/> or <see cref="DatabaseFailed"/> instead of
    /// an unhandled exception's stack trace. Each command's writes are transactions of their own, so what the command
    /// reported as written before the failure is kept and nothing else was written.
    /// </summary>
    public static async Task<int> ExitCodeOfDatabaseFailureAsync(Func<Task<int>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await step();
        }
        catch (Exception exception) when (DatabaseErrors.IsDatabaseFailure(exception) || exception is DatabaseStartupTimeoutException)
        {
            var reason = exception.GetBaseException().Message;
            var unavailable = exception is DatabaseStartupTimeoutException || DatabaseErrors.IsUnavailable(exception);
            await Console.Error.WriteLineAsync(unavailable
                ? $"The database is unavailable ({reason}); try again when it can be reached."
                : $"The database refused the work ({reason}).");
            return unavailable ? DatabaseUnavailable : DatabaseFailed;
        }
    }

    /// <summary>The command tree: <c>import</c>, <c>export</c> and <c>keys</c>, run against the application <paramref name="app"/> gives.</summary>
    public static RootCommand Create(Func<WebApplication> app) =>
        new("Summit.Graph: with no command, serves the GraphQL API; with one, runs it against the configured database and exits. "
            + "Configuration switches such as --Database:DataDirectory=DIR may be given anywhere.")
        {
            ImportCommand.Create(app),
            ExportCommand.Create(app),
            KeysCommand.Create(app),
        };

    /// <summary>The command tree, for its names only: running a command from it fails.</summary>
    private static RootCommand TreeToRead() => Create(() => throw new InvalidOperationException("The command tree is only read here."));

    private static HashSet<string> CommandNames(RootCommand root) => root.Subcommands.Select(command => command.Name).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.SelectMany(option => option.Aliases.Prepend(option.Name)).Concat(command.Subcommands.SelectMany(OptionNames));

    private static List<string> CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var symbol = result.CommandResult; symbol is not null; symbol = symbol.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, symbol.Command is RootCommand ? "Summit.Graph" : symbol.Command.Name);
        }

        return names;
    }
}
