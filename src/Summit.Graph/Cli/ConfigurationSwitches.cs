namespace Summit.Graph.Cli;

/// <summary>
/// Tells the host's configuration switches (<c>--Database:DataDirectory=/srv/summit</c>, <c>--urls URL</c>) apart
/// from a command's own tokens, so that a switch may stand anywhere on the line. ASP.NET Core's configuration reads
/// every switch from the whole line by itself; the command parser only gets what is left.
/// </summary>
public static class ConfigurationSwitches
{
    /// <summary>
    /// The tokens of <paramref name="args"/> that are not configuration switches. Before the command every
    /// <c>--Key value</c> or <c>--Key=value</c> is one; after it, a switch whose key names a section
    /// (<c>--Section:Key value</c>, <c>--Section:Key=value</c>) or a <c>--Key=value</c> that is none of
    /// <paramref name="optionNames"/>. Help switches are never configuration.
    /// </summary>
    public static IReadOnlyList<string> Remove(IReadOnlyList<string> args, IReadOnlySet<string> commandNames, IReadOnlySet<string> optionNames)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commandNames);
        ArgumentNullException.ThrowIfNull(optionNames);
        var kept = new List<string>(args.Count);
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
                index += separator < 0 ? 1 : 0;
                continue;
            }

            if (separator >= 0 && !optionNames.Contains(key))
            {
                continue;
            }

            kept.Add(token);
        }

        return kept;
    }

    /// <summary>The switches that ask for help, which every command answers.</summary>
    public static bool IsHelp(string token) => token is "--help" or "-h" or "-?" or "/?" or "/h";
}
