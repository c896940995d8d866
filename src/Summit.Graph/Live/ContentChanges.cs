namespace Summit.Graph.Live;

/// <summary>A session a committed change touched, with whether anonymous readers could see it before or after.</summary>
public sealed record ChangedSession(string Slug, bool Public);

/// <summary>
/// One committed change to one edition: a mutation or an import. <see cref="WholeProgramme"/> means any part
/// of the edition may have changed (an import), so every session subscriber of the edition is told.
/// <see cref="ContentVersion"/> counts every change; <see cref="PublicVersion"/> only those anonymous readers
/// could see (<see cref="Public"/>), so what anonymous readers are shown never counts drafts.
/// </summary>
public sealed record ContentChange(long ContentVersion, long PublicVersion, string EventSlug, IReadOnlyList<ChangedSession> Sessions, bool Public, bool WholeProgramme)
{
    public bool Touches(string sessionSlug, bool includeDrafts) =>
        WholeProgramme ? includeDrafts || Public : Sessions.Any(s => s.Slug == sessionSlug && (includeDrafts || s.Public));

    /// <summary>The version a subscriber is told: the public one unless it may read drafts.</summary>
    public long VersionFor(bool includeDrafts) => includeDrafts ? ContentVersion : PublicVersion;
}

/// <summary>What a writer reports before the notifier stamps it with the new content version.</summary>
public sealed record EditionChange(string EventSlug, IReadOnlyList<ChangedSession> Sessions, bool Public, bool WholeProgramme);

/// <summary>Two counts of committed changes: of every change, and of those anonymous readers could see.</summary>
public readonly record struct ContentVersions(long All, long Public);

/// <summary>
/// The one place writers report committed changes. It counts content versions (the validators of HTTP caches
/// and remembered counts, so a change invalidates every ETag at once) and pushes the change to live
/// subscriptions. A change only drafts show moves the count of every change but not the public one: anonymous
/// ETags, counts and events never reveal that a draft exists or changed.
/// The validators always carry the <see cref="DatabaseContentVersion"/>, which every writer raises in its transaction,
/// so they change on every instance within its poll interval, whoever wrote (another instance, the command line, a
/// writer without Redis). With a <see cref="RedisContentRelay"/> they also carry Redis's shared version, which a writer
/// raises before it answers, so every instance's validators change at once and agree, and changes reach the
/// subscribers of every instance. Redis only speeds the news up: while it cannot be reached, validators fall back to
/// the database's version and this process's own count, writers' answers do not wait for it, and subscribers hear of
/// the changes made through their own instance.
/// </summary>
public sealed class ContentChangeNotifier(RedisContentRelay? relay = null, DatabaseContentVersion? database = null) : IObservable<ContentChange>, IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<IObserver<ContentChange>> observers = [];
    private readonly string bootId = Guid.NewGuid().ToString("N")[..12];
    private long version;
    private long publicVersion;

    /// <summary>Increases with every committed change this process has heard of.</summary>
    public long ContentVersion => Interlocked.Read(ref version);

    /// <summary>Increases with every committed change anonymous readers could see.</summary>
    public long PublicVersion => Interlocked.Read(ref publicVersion);

    /// <summary>
    /// Changes whenever content that <paramref name="includeDrafts"/> readers see changes, on every instance: the
    /// database's version with Redis's shared one (<c>r</c>, the same on every instance), or, without Redis or while it
    /// cannot be reached, with this process's count (which changes at once after a local change) and a boot id (the
    /// local count restarts with the process).
    /// </summary>
    public async ValueTask<string> ContentTokenAsync(bool includeDrafts)
    {
        var stored = includeDrafts ? database?.Version : database?.PublicVersion;
        return relay is not null && await relay.TryContentTokenAsync(includeDrafts) is { } shared ? $"{shared}-{stored}"
            : includeDrafts ? $"{stored}-{bootId}-{ContentVersion}"
            : $"{stored}-{bootId}-p{PublicVersion}";
    }

    /// <summary>
    /// Reports changes a writer has committed, with the stored versions its transaction raised the database's content
    /// version to (<paramref name="committed"/>): this process's validators change before the writer answers, and the
    /// changes go to subscribers stamped with those versions (the same on every instance, and never repeated: Redis's own
    /// counters restart when it is flushed), through Redis when it is configured and answers, else to this process's own.
    /// </summary>
    public async Task PublishAsync(IReadOnlyCollection<EditionChange> changes, ContentVersions committed)
    {
        if (changes.Count == 0)
        {
            return;
        }

        if (database is not null)
        {
            await database.RefreshAfterChangeAsync();
        }

        if (relay is not null)
        {
            await relay.TryPublishAsync(changes, changes.Any(c => c.Public), committed);
        }

        Deliver(committed, changes);
    }

    /// <summary>Hands changes stamped with <paramref name="stamped"/> to this process's subscribers.</summary>
    public void Deliver(ContentVersions stamped, IReadOnlyCollection<EditionChange> changes)
    {
        Raise(ref version, stamped.All);
        Raise(ref publicVersion, stamped.Public);

        IObserver<ContentChange>[] current;
        lock (gate)
        {
            current = [.. observers];
        }

        foreach (var change in changes)
        {
            var published = new ContentChange(stamped.All, stamped.Public, change.EventSlug, change.Sessions, change.Public, change.WholeProgramme);
            foreach (var observer in current)
            {
                observer.OnNext(published);
            }
        }
    }

    /// <summary>Sets <paramref name="counter"/> to <paramref name="stamped"/> unless it is ahead already (changes from other instances arrive in any order).</summary>
    private static void Raise(ref long counter, long stamped)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref counter);
        }
        while (stamped > seen && Interlocked.CompareExchange(ref counter, stamped, seen) != seen);
    }

    public IDisposable Subscribe(IObserver<ContentChange> observer)
    {
        lock (gate)
        {
            observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    /// <summary>How many live subscriptions listen, for tests that check clean-up.</summary>
    public int ObserverCount
    {
        get
        {
            lock (gate)
            {
                return observers.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (relay is not null)
        {
            await relay.DisposeAsync();
        }
    }

    private sealed class Subscription(ContentChangeNotifier notifier, IObserver<ContentChange> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (notifier.gate)
            {
                notifier.observers.Remove(observer);
            }
        }
    }
}
