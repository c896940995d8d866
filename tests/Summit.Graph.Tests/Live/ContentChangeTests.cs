using Summit.Graph.Live;

namespace Summit.Graph.Tests.Live;

public sealed class ContentChangeTests
{
    private static readonly ContentChange DraftEdit = new(7, 3, "kubevirt-summit-2021", [new ChangedSession("new-talk", Public: false)], Public: false, WholeProgramme: false);
    private static readonly ContentChange Import = new(8, 4, "kubevirt-summit-2021", [], Public: true, WholeProgramme: true);

    [Fact]
    public void AnonymousSubscribersDoNotHearOfDrafts()
    {
        Assert.False(DraftEdit.Touches("new-talk", includeDrafts: false));
        Assert.True(DraftEdit.Touches("new-talk", includeDrafts: true));
    }

    [Fact]
    public void AnImportTouchesEverySessionOfItsEdition()
    {
        Assert.True(Import.Touches("hotplug", includeDrafts: false));
        Assert.False(DraftEdit.Touches("hotplug", includeDrafts: true));
    }

    [Fact]
    public async Task PublishingStampsTheCommittedVersionsMovesOnlyTheTokensOfWhoSawTheChangeAndStopsAfterUnsubscribing()
    {
        var notifier = new ContentChangeNotifier();
        var received = new List<ContentChange>();
        var subscription = notifier.Choose(change => change).Subscribe(new Collector(received));

        await notifier.PublishAsync([new EditionChange("a", [], Public: true, WholeProgramme: false), new EditionChange("b", [], Public: true, WholeProgramme: false)], new(1, 1));
        var tokens = (Anonymous: await notifier.ContentTokenAsync(includeDrafts: false), Drafts: await notifier.ContentTokenAsync(includeDrafts: true));
        await notifier.PublishAsync([new EditionChange("a", [new ChangedSession("new-talk", Public: false)], Public: false, WholeProgramme: false)], new(2, 1));
        var afterDraft = (Anonymous: await notifier.ContentTokenAsync(includeDrafts: false), Drafts: await notifier.ContentTokenAsync(includeDrafts: true));
        subscription.Dispose();
        await notifier.PublishAsync([new EditionChange("a", [], Public: true, WholeProgramme: false)], new(3, 2));

        Assert.Equal([(1L, 1L, "a"), (1L, 1L, "b"), (2L, 1L, "a")], received.Select(c => (c.ContentVersion, c.PublicVersion, c.EventSlug)));
        Assert.Equal((3L, 2L), (notifier.ContentVersion, notifier.PublicVersion));
        Assert.Equal((2L, 1L), (received[2].VersionFor(includeDrafts: true), received[2].VersionFor(includeDrafts: false)));
        // A draft-only change moves the token of readers who see drafts, never the anonymous one.
        Assert.Equal(tokens.Anonymous, afterDraft.Anonymous);
        Assert.NotEqual(tokens.Drafts, afterDraft.Drafts);
        Assert.Equal(0, notifier.ObserverCount);
    }

    private sealed class Collector(List<ContentChange> received) : IObserver<ContentChange>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error) => throw error;

        public void OnNext(ContentChange value) => received.Add(value);
    }
}
