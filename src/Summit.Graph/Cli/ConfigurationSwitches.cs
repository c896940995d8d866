namespace Summit.Graph.Cli;

/// <summary>
/// Tells the host's configuration switches (<c>--Database:DataDirectory=/srv/summit</c>, <c>--urls URL</c>) apart
/// from a command's own tokens, so that a switch may stand anywhere on the line. ASP.NET Core's configuration reads
/// every switch from the whole line by itself; the command parser only gets what is left.
/// </summary>
public static class ConfigurationSwitches
{
    /// <summary>
    /// Splits <paramref name="args"/> into configuration switches, for the host, and the command's own tokens. Before
    /// the command every <c>--Key value</c> or <c>--Key=value</c> is a switch; after it, one whose key names a section
    /// (<c>--Section:Key value</c>, <c>--Section:Key=value</c>) or a <c>--Key=value</c> that is none of
    /// <paramref name="optionNames"/>. Help switches are never configuration. The host must only see the switches:
    /// its parser would take a flag such as <c>--dry-run</c> for a key and the token after it for its value.
    /// </summary>
    public static (IReadOnlyList<string> Configuration, IReadOnlyList<string> Command) Split(IReadOnlyList<string> args, IReadOnlySet<string> commandNames, IReadOnlySet<string> optionNames)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commandNames);
        ArgumentNullException.ThrowIfNull(optionNames);
        var kept = new List<string>(args.Count);
        var configuration = new List<string>();
        var commandSeen = false;
        for (var index = 0; index < args.Count; index++)
        {
            var token = args[index];
            if (!token.StartsWith("--", StringComparison.Ordinal) || IsHelp(token) || token == "--")
            {
                commandSeen |= commandNames.Contains(token);
                kept.Add(token);
                continue;
            }

            var separator = token.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? token : token[..separator];
            var namesSection = key.Contains(':', StringComparison.Ordinal);
            if (!commandSeen || namesSection)
            {
                // A switch without '=' takes the next token as its value, as the host's configuration does.
                configuration.Add(separator < 0 && index + 1 < args.Count ? $"{token}={args[++index]}" : token);
                continue;
            }

            if (separator >= 0 && !optionNames.Contains(key))
            {
                configuration.Add(token);
                continue;
            }

            kept.Add(token);
        }

        return (configuration, kept);
    }

    /// <summary>The switches that ask for help, which every command answers.</summary>
    public static bool IsHelp(string token) => token is "--help" or "-h" or "-?" or "/?" or "/h";
}
