using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Summit.Graph.IntegrationTests.Infrastructure;

/// <summary>Records the text of every SQL command while a capture is open.</summary>
public sealed class SqlLog : DbCommandInterceptor
{
    private ConcurrentQueue<string>? capturing;

    public Capture Start()
    {
        capturing = new ConcurrentQueue<string>();
        return new Capture(this, capturing);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        capturing?.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        capturing?.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public sealed class Capture(SqlLog log, ConcurrentQueue<string> statements) : IDisposable
    {
        public IReadOnlyList<string> Statements => [.. statements];

        public void Dispose() => log.capturing = null;
    }
}
