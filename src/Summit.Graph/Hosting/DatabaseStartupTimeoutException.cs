namespace Summit.Graph.Hosting;

/// <summary>
/// The database could not be migrated within <c>Database:StartupTimeoutSeconds</c>: it did not answer, another process
/// held it locked, or a lock row was left by a process that stopped while migrating. Commands and the server's start
/// answer it as a database that is unavailable (exit code 75).
/// </summary>
public sealed class DatabaseStartupTimeoutException(string message) : TimeoutException(message);
