using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Search;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Search;

/// <summary>
/// Resolves <c>search</c>: the database's ranked hits (<see cref="ProgrammeSearch"/>), paged by the shared keyset
/// cursors over (relevance descending, type, ID), then the page's sessions and people projected to the selection:
/// at most three statements, plus one for <c>totalCount</c> and one when the far side of a cursor is asked about.
/// </summary>
public sealed class SearchQueries(
    IDbContextFactory<SummitDbContext> contexts,
    ContentAccess access,
    TotalCounts counts,
    IOptions<PagingOptions> paging,
    IOptions<OperationLimitOptions> limits)
{
    /// <summary>The order of results: a total order, so a cursor names one place. No key is nullable.</summary>
    private static readonly IReadOnlyList<OrderKey> Keys =
    [
        Key(h => h.Rank, descending: true, "rank"),
        Key(h => h.Kind, descending: false, "kind"),
        Key(h => h.Id, descending: false, "id"),
    ];

    private static readonly string Fingerprint = KeysetCursor.Fingerprint(Keys);

    public async Task<ConnectionPage> SearchAsync(IResolveFieldContext context)
    {
        var page = PageRequest.Of(context, paging.Value);
        var terms = Terms(context.GetArgument<string>("query"));
        var window = new KeysetWindow(page, Keys, Fingerprint);
        var sessionTree = Connections.NodeSelection(context, (IObjectGraphType)context.Schema.AllTypes[ProgrammeSearch.SessionKind]!);
        sessionTree.Add((Expression<Func<Session, int>>)(s => s.Id));
        var presenterTree = Connections.NodeSelection(context, (IObjectGraphType)context.Schema.AllTypes[ProgrammeSearch.PresenterKind]!);
        presenterTree.Add((Expression<Func<Presenter, int>>)(p => p.Id));

        await using var db = contexts.CreateDbContext(access.IncludeDrafts);
        var found = await ProgrammeSearch.HitsAsync(db, terms, context.CancellationToken);
        var hits = await window.Rows(found, databaseSortsNullsFirst: true).ToListAsync(context.CancellationToken);
        var sessionIds = hits.Where(h => h.Kind == ProgrammeSearch.SessionKind).Select(h => h.Id).ToList();
        var presenterIds = hits.Where(h => h.Kind == ProgrammeSearch.PresenterKind).Select(h => h.Id).ToList();
        var nodes = new Dictionary<(string, int), object>();
        if (sessionIds.Count > 0)
        {
            var sessions = await db.Sessions.Where(s => sessionIds.Contains(s.Id)).Select(ProjectionBuilder.Build<Session>(sessionTree))
                .AsNoTracking().ToListAsync(context.CancellationToken);
            sessions.ForEach(s => nodes[(ProgrammeSearch.SessionKind, s.Id)] = s);
        }

        if (presenterIds.Count > 0)
        {
            var presenters = await db.Presenters.Where(p => presenterIds.Contains(p.Id)).Select(ProjectionBuilder.Build<Presenter>(presenterTree))
                .AsNoTracking().ToListAsync(context.CancellationToken);
            presenters.ForEach(p => nodes[(ProgrammeSearch.PresenterKind, p.Id)] = p);
        }

        var hasOpposite = await window.HasOppositeAsync(found, context.CancellationToken);
        int? total = page.WantsTotalCount
            ? await counts.CountAsync(found, context.FieldDefinition.Name, new Dictionary<string, object?> { ["query"] = terms.Text }, access.IncludeDrafts, context.CancellationToken)
            : null;

        // A result unpublished or deleted between the two statements has no node: it is left out, as the next read would.
        var rows = hits.Where(h => nodes.ContainsKey((h.Kind, h.Id))).ToList();
        return page.Page(rows, h => new ConnectionEdge(window.CursorOf(h), nodes[(h.Kind, h.Id)]), hasOpposite, total);
    }

    /// <summary>
    /// The words of <paramref name="query"/>: <c>LIMIT_SEARCH_LENGTH</c> past the configured length (checked first, so a
    /// long text is never split), <c>LIMIT_SEARCH_TERMS</c> past the configured number of words, <c>SEARCH_QUERY_EMPTY</c>
    /// without a letter or digit.
    /// </summary>
    private SearchTerms Terms(string query)
    {
        var limit = limits.Value;
        if (query.Length > limit.MaxSearchLength)
        {
            throw new QueryArgumentException(
                FormattableString.Invariant($"The search query has {query.Length:N0} characters; at most {limit.MaxSearchLength:N0} are allowed (GraphQL:Limits:MaxSearchLength)."),
                LimitCodes.SearchLength);
        }

        var terms = SearchTerms.Parse(query);
        if (terms.Words.Count > limit.MaxSearchTerms)
        {
            throw new QueryArgumentException(
                FormattableString.Invariant($"The search query has {terms.Words.Count:N0} words; at most {limit.MaxSearchTerms:N0} are allowed (GraphQL:Limits:MaxSearchTerms)."),
                LimitCodes.SearchTerms);
        }

        return terms.Words.Count > 0
            ? terms
            : throw new QueryArgumentException($"The search query '{QueryArgumentException.Quote(query)}' has no word to search for: give letters or digits.", "SEARCH_QUERY_EMPTY");
    }

    private static OrderKey Key<TValue>(Expression<Func<SearchHit, TValue>> key, bool descending, string name) =>
        new(key, descending, Nullable: false, ExpressionTools.MemberPath(key)!, name);
}
