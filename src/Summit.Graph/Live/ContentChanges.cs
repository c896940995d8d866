namespace Summit.Graph.Live;

/// <summary>A session a committed change touched, with whether anonymous readers could see it before or after.</summary>
public sealed record ChangedSession(string Slug, bool Public);

/// <summary>
/// One committed change to one edition: a mutation or an import. <see cref="WholeProgramme"/> means any part
/// of the edition may have changed (an import), so every session subscriber of the edition is told.
/// </summary>
public sealed record ContentChange(long ContentVersion, string EventSlug, IReadOnlyList<ChangedSession> Sessions, bool Public, bool WholeProgramme)
{
    public bool Touches(string sessionSlug, bool includeDrafts) =>
        WholeProgramme ? includeDrafts || Public : Sessions.Any(s => s.Slug == sessionSlug && (includeDrafts || s.Public));
}

/// <summary>What a writer reports before the notifier stamps it with the new content version.</summary>
public sealed record EditionChange(string EventSlug, IReadOnlyList<ChangedSession> Sessions, bool Public, bool WholeProgramme);

/// <summary>
/// The one place writers report committed changes. It counts a content version (the HTTP cache's
/// validator, so any change invalidates every ETag at once) and pushes the change to live subscriptions.
/// With a <see cref="RedisContentRelay"/> the version is shared by every instance and changes reach the
/// subscribers of every instance; without one, both stay in this process.
/// </summary>
public sealed class ContentChangeNotifier(RedisContentRelay? relay = null) : IObservable<ContentChange>, IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<IObserver<ContentChange>> observers = [];
    private readonly string bootId = Guid.NewGuid().ToString("N")[..12];
    private long version;

    /// <summary>Increases with every committed change this process has heard of.</summary>
    public long ContentVersion => Interlocked.Read(ref version);

    /// <summary>
    /// Changes whenever any content changes, on every instance: the shared Redis version, or this process's
    /// version with a boot id (the local count restarts with the process).
    /// </summary>
    public async ValueTask<string> ContentTokenAsync() =>
        relay is null ? $"{bootId}-{ContentVersion}" : await relay.ContentTokenAsync();

    public async Task PublishAsync(IReadOnlyCollection<EditionChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Deliver(relay is null ? Interlocked.Increment(ref version) : await relay.PublishAsync(changes), changes);
    }

    /// <summary>Hands a change stamped with <paramref name="stamped"/> to this process's subscribers.</summary>
    public void Deliver(long stamped, IReadOnlyCollection<EditionChange> changes)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref version);
        }
        while (stamped > seen && Interlocked.CompareExchange(ref version, stamped, seen) != seen);

        IObserver<ContentChange>[] current;
        lock (gate)
        {
            current = [.. observers];
        }

        foreach (var change in changes)
        {
            var published = new ContentChange(stamped, change.EventSlug, change.Sessions, change.Public, change.WholeProgramme);
            foreach (var observer in current)
            {
                observer.OnNext(published);
            }
        }
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
