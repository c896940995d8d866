using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Markdown;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>
/// Runs one mutation as one database transaction: the change and its revisions are saved together or not
/// at all. Version checks use the version the editor started from, so two editors saving at once never
/// silently overwrite each other.
/// </summary>
public sealed class ContentEditor(IDbContextFactory<SummitDbContext> contexts, MarkdownRenderer markdown)
{
    public async Task<T> RunAsync<T>(string author, Func<EditScope, Task<T>> change, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext(includeDrafts: true);
        var scope = new EditScope(db, author, markdown);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        T result;
        try
        {
            result = await change(scope);
            await db.SaveChangesAsync(cancellationToken);
            scope.WriteRevisions();
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            // Another editor committed between our version check and our save.
            var entry = exception.Entries.Count > 0 ? exception.Entries[0] : null;
            var stored = entry is null ? null : await entry.GetDatabaseValuesAsync(cancellationToken);
            throw new ContentException(ConflictError.For(
                entry?.Metadata.ClrType.Name ?? "object",
                entry?.Entity is IVersioned versioned ? versioned.Id : 0,
                entry?.Property(nameof(IVersioned.Version)).OriginalValue is int original ? original : 0,
                stored?.GetValue<int>(nameof(IVersioned.Version)) ?? 0));
        }
        catch (DbUpdateException exception) when (exception.Entries.Count > 0)
        {
            // A unique index refused a value that was free when checked: a concurrent save took it.
            var entry = exception.Entries[0];
            var id = entry.Entity is IVersioned versioned ? versioned.Id : 0;
            throw new ContentException(new ConflictError(
                $"The {entry.Metadata.ClrType.Name} could not be saved: a change saved at the same moment took one of its values (such as its slug). Reload and try again.",
                GlobalId.Encode(entry.Metadata.ClrType.Name, id), 0, 0));
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

/// <summary>What a mutation works with: a tracking context that sees drafts, and the history it writes.</summary>
public sealed class EditScope(SummitDbContext db, string author, MarkdownRenderer markdown)
{
    /// <summary>Enums by name and camelCase members: snapshots stay readable, and valid when enums gain members.</summary>
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly List<(string Type, IVersioned Entity, int Version, RevisionOperation Operation, string Fields, string? Previous)> pending = [];

    public SummitDbContext Db { get; } = db;

    public string Author { get; } = author;

    public RichText Render(string text)
    {
        var rendered = markdown.Render(text);
        return new RichText { Markdown = text, Html = rendered.Html, PlainText = rendered.PlainText };
    }

    /// <summary>
    /// Refuses the change when <paramref name="entity"/> is no longer at <paramref name="version"/>, and makes
    /// the save itself check that version, so a concurrent save between this check and the commit fails too.
    /// </summary>
    public void ExpectVersion<T>(T entity, int version, string typeName)
        where T : class, IVersioned
    {
        if (entity.Version != version)
        {
            throw new ContentException(ConflictError.For(typeName, entity.Id, version, entity.Version));
        }

        Db.Entry(entity).Property(e => e.Version).OriginalValue = version;
    }

    /// <summary>Writes a revision of <paramref name="entity"/> (its id is read after the save, for new objects).</summary>
    public void Record(string typeName, IVersioned entity, int versionBefore, RevisionOperation operation, IEnumerable<string> changedFields, object? previousContent)
    {
        pending.Add((typeName, entity, versionBefore, operation, string.Join(',', changedFields),
            previousContent is null ? null : JsonSerializer.Serialize(previousContent, previousContent.GetType(), SnapshotJson)));
    }

    public static T? ReadSnapshot<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, SnapshotJson);

    internal void WriteRevisions()
    {
        var now = DateTime.UtcNow;
        foreach (var (type, entity, version, operation, fields, previous) in pending)
        {
            Db.Revisions.Add(new Revision
            {
                EntityType = type,
                EntityId = entity.Id,
                Version = version,
                Operation = operation,
                Author = Author,
                CreatedAt = now,
                ChangedFields = fields,
                PreviousContent = previous,
            });
        }
    }
}

public static class EditScopeExtensions
{
    /// <summary>The live object with that id, tracked; a NotFoundError otherwise.</summary>
    public static async Task<T> FindAsync<T>(this EditScope scope, IQueryable<T> query, int id, string typeName, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        var entity = id == 0 ? null : await query.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entity ?? throw new ContentException(new NotFoundError($"No {typeName} has the ID '{GlobalId.Encode(typeName, id)}'.", GlobalId.Encode(typeName, id)));
    }
}
