using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Search;

/// <summary>One search result: a session or a person by id, with its relevance (higher is better).</summary>
public sealed class SearchHit
{
    /// <summary><see cref="Session"/> or <see cref="Presenter"/>: the GraphQL type name of the result.</summary>
    public string Kind { get; set; } = "";

    public int Id { get; set; }

    /// <summary>
    /// The engine's relevance: SQLite's BM25 score negated, PostgreSQL's <c>ts_rank</c>; 0 for a person found only by a
    /// name with a typo. Comparable within one search only.
    /// </summary>
    public double Rank { get; set; }
}

/// <summary>
/// Full-text search over session titles and abstracts (plain text) and presenters' names and companies, in the
/// database's own engine, as a query that callers order and page. It holds only what the context may see: the
/// visibility filters of <see cref="SummitDbContext"/> (deleted rows never, drafts and their people only with
/// <see cref="SummitDbContext.IncludeDrafts"/>) decide, as they do for every other read.
/// </summary>
/// <remarks>
/// SQLite: FTS5 tables kept by triggers (migration <c>FullTextSearch</c>), ranked by BM25 with titles and names
/// weighing ten times an abstract and twice a company; typos by <see cref="SearchTerms.NameIsNear"/>, registered as
/// the SQL function <c>summit_name_is_near</c>. PostgreSQL: generated <c>tsvector</c> columns with GIN indexes,
/// <c>plainto_tsquery('english', …)</c> and <c>ts_rank</c>; typos by pg_trgm's strict word similarity (<c>&lt;&lt;%</c>:
/// the query against whole words of the name, default threshold 0.5; a prefix of a longer name does not count).
/// SQL Server: <c>CONTAINSTABLE</c> where full-text indexes exist on both tables (full-text search is an optional
/// feature, absent from Express and containers by default, so the migrations do not create them: README, "Search");
/// otherwise every word must occur, case-insensitively, in a title, abstract, name or company, and results whose
/// title or name holds the first word rank first. No typos are forgiven there.
/// </remarks>
public static class ProgrammeSearch
{
    public const string SessionKind = nameof(Session);

    public const string PresenterKind = nameof(Presenter);

    /// <summary>Whether each SQL Server database (by connection string) has full-text indexes on both tables; asked once per process.</summary>
    private static readonly ConcurrentDictionary<string, bool> SqlServerFullText = new(StringComparer.Ordinal);

    /// <summary>Every visible session and person <paramref name="terms"/> finds, unordered. <paramref name="terms"/> must hold a word.</summary>
    public static async Task<IQueryable<SearchHit>> HitsAsync(SummitDbContext db, SearchTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hits = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => Sqlite(db, terms),
            "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSql(db, terms),
            "Microsoft.EntityFrameworkCore.SqlServer" when await HasFullTextIndexesAsync(db, cancellationToken) => SqlServer(db, terms),
            _ => Portable(db, terms),
        };
        return hits.Where(h => (h.Kind == SessionKind && db.Sessions.Any(s => s.Id == h.Id)) || (h.Kind == PresenterKind && db.Presenters.Any(p => p.Id == h.Id)));
    }

    /// <summary>FTS5's query: each word a quoted string, all required. Words hold only letters and digits, so quoting cannot be escaped.</summary>
    private static IQueryable<SearchHit> Sqlite(SummitDbContext db, SearchTerms terms)
    {
        var match = string.Join(' ', terms.Words.Select(w => $"\"{w}\""));
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT "Kind", "Id", MAX("Rank") AS "Rank" FROM (
                SELECT 'Session' AS "Kind", rowid AS "Id", -bm25("SessionSearch", 10.0, 1.0) AS "Rank" FROM "SessionSearch" WHERE "SessionSearch" MATCH {match}
                UNION ALL
                SELECT 'Presenter', rowid, -bm25("PresenterSearch", 10.0, 5.0) FROM "PresenterSearch" WHERE "PresenterSearch" MATCH {match}
                UNION ALL
                SELECT 'Presenter', "Id", 0.0 FROM "Presenters" WHERE summit_name_is_near("Name", {terms.Text}))
            GROUP BY "Kind", "Id"
            """);
    }

    /// <summary>
    /// SQL Server's full-text engine: <c>CONTAINSTABLE</c> over the indexes an administrator created (README, "Search"),
    /// every word a quoted term, all required; its <c>RANK</c> is the relevance.
    /// </summary>
    private static IQueryable<SearchHit> SqlServer(SummitDbContext db, SearchTerms terms)
    {
        var condition = string.Join(" AND ", terms.Words.Select(w => $"\"{w}\""));
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT [Kind], [Id], MAX([Rank]) AS [Rank] FROM (
                SELECT 'Session' AS [Kind], k.[KEY] AS [Id], CAST(k.[RANK] AS float) AS [Rank]
                FROM CONTAINSTABLE([Sessions], ([Title], [Abstract_PlainText]), {condition}) AS k
                UNION ALL
                SELECT 'Presenter', k.[KEY], CAST(k.[RANK] AS float)
                FROM CONTAINSTABLE([Presenters], ([Name], [Company]), {condition}) AS k) AS hits
            GROUP BY [Kind], [Id]
            """);
    }

    /// <summary>Whether the database has full-text indexes on <c>Sessions</c> and <c>Presenters</c>; one that gains them later is seen after a restart.</summary>
    private static async Task<bool> HasFullTextIndexesAsync(SummitDbContext db, CancellationToken cancellationToken)
    {
        var database = db.Database.GetConnectionString() ?? string.Empty;
        if (SqlServerFullText.TryGetValue(database, out var known))
        {
            return known;
        }

        var indexed = await db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE object_id IN (OBJECT_ID(N'Sessions'), OBJECT_ID(N'Presenters'))
            """).SingleAsync(cancellationToken);
        return SqlServerFullText[database] = indexed == 2;
    }

    private static IQueryable<SearchHit> PostgreSql(SummitDbContext db, SearchTerms terms) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT "Kind", "Id", MAX("Rank") AS "Rank" FROM (
                SELECT 'Session' AS "Kind", s."Id", ts_rank(s."SearchVector", q)::float8 AS "Rank"
                FROM "Sessions" s, plainto_tsquery('english', {terms.Text}) q WHERE s."SearchVector" @@ q
                UNION ALL
                SELECT 'Presenter', p."Id", ts_rank(p."SearchVector", q)::float8
                FROM "Presenters" p, plainto_tsquery('english', {terms.Text}) q WHERE p."SearchVector" @@ q
                UNION ALL
                SELECT 'Presenter', p."Id", 0.0::float8 FROM "Presenters" p WHERE {terms.Text} <<% p."Name") AS hits
            GROUP BY "Kind", "Id"
            """);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1862", Justification = "EF Core translates ToLower() to LOWER(); it translates no StringComparison overload.")]
    private static IQueryable<SearchHit> Portable(SummitDbContext db, SearchTerms terms)
    {
        IQueryable<Session> sessions = db.Sessions;
        IQueryable<Presenter> presenters = db.Presenters;
        foreach (var word in terms.Words)
        {
            sessions = sessions.Where(s => s.Title.ToLower().Contains(word) || s.Abstract.PlainText.ToLower().Contains(word));
            presenters = presenters.Where(p => p.Name.ToLower().Contains(word) || (p.Company != null && p.Company.ToLower().Contains(word)));
        }

        var first = terms.Words[0];
        var sessionHits = sessions.Select(s => new SearchHit { Kind = SessionKind, Id = s.Id, Rank = s.Title.ToLower().Contains(first) ? 1 : 0 });
        var presenterHits = presenters.Select(p => new SearchHit { Kind = PresenterKind, Id = p.Id, Rank = p.Name.ToLower().Contains(first) ? 1 : 0 });
        return sessionHits.Concat(presenterHits);
    }
}
