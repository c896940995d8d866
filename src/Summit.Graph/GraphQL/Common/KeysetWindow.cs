using Microsoft.EntityFrameworkCore;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// One page of a keyset connection (Relay cursor connections): the order's keys, the client's <c>after</c> and
/// <c>before</c> cursors decoded against them (<c>CURSOR_INVALID</c> for a cursor of another order, from
/// <see cref="KeysetCursor.Decode"/>, before any statement runs), and the steps every connection takes with them.
/// </summary>
public sealed class KeysetWindow
{
    private readonly PageRequest page;
    private readonly IReadOnlyList<OrderKey> keys;
    private readonly string fingerprint;
    private readonly object?[]? after;
    private readonly object?[]? before;

    /// <param name="fingerprint"><see cref="KeysetCursor.Fingerprint"/> of <paramref name="keys"/>, for callers that keep it.</param>
    public KeysetWindow(PageRequest page, IReadOnlyList<OrderKey> keys, string? fingerprint = null)
    {
        this.page = page;
        this.keys = keys;
        this.fingerprint = fingerprint ?? KeysetCursor.Fingerprint(keys);
        after = page.After is null ? null : KeysetCursor.Decode(page.After, this.fingerprint, keys, "after");
        before = page.Before is null ? null : KeysetCursor.Decode(page.Before, this.fingerprint, keys, "before");
    }

    /// <summary>
    /// The rows of <paramref name="filtered"/> between the cursors, in the page's direction, one more than the page's
    /// size (<see cref="PageRequest.Page"/> reads the extra one as "more follow").
    /// </summary>
    public IQueryable<T> Rows<T>(IQueryable<T> filtered, bool databaseSortsNullsFirst)
    {
        var query = filtered;
        if (after is not null)
        {
            query = query.Where(KeysetPager.After<T>(keys, after, reverse: false));
        }

        if (before is not null)
        {
            query = query.Where(KeysetPager.After<T>(keys, before, reverse: true));
        }

        return KeysetPager.OrderBy(query, keys, page.Backward, databaseSortsNullsFirst).Take(page.Size + 1);
    }

    /// <summary>
    /// Whether rows of <paramref name="filtered"/> lie on the far side of the client's cursor: one EXISTS, run only when
    /// the client selects that side's <c>pageInfo</c> flag. The cursor's own row lies on that side: paging from the
    /// page's first edge back would return it.
    /// </summary>
    public async Task<bool> HasOppositeAsync<T>(IQueryable<T> filtered, CancellationToken cancellationToken)
    {
        var opposite = page.Backward ? before : after;
        return opposite is not null && page.WantsOpposite
            && await filtered.AnyAsync(KeysetPager.After<T>(keys, opposite, reverse: !page.Backward, inclusive: true), cancellationToken);
    }

    /// <summary>The cursor of <paramref name="row"/>, which holds every key of the order.</summary>
    public string CursorOf(object row) => KeysetCursor.Encode(fingerprint, KeysetCursor.ValuesOf(row, keys));
}
