using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Sessions;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Links;

/// <summary>Links of sessions (recordings, slides, ...) and of editions. A session's links are part of its content and history.</summary>
public static class LinkMutations
{
    private const string Type = "Link";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<AddLinkInput>("addLink", "Adds a link to a session or to an edition (give exactly one of `sessionId` and `eventId`).")
            .Errors(NotFound)
            .Returns("link", LinkModel.Instance, "The new link.")
            .Handle(AddAsync);

        mutations.Add<UpdateLinkInput>("updateLink", "Changes a link; omitted fields stay as they are.")
            .Errors(NotFound)
            .Returns("link", LinkModel.Instance, "The changed link.")
            .Handle(UpdateAsync);

        mutations.Add<RemoveLinkInput>("removeLink", "Removes a link (a session's revision keeps it).")
            .Errors(NotFound)
            .Returns("link", LinkModel.Instance, "Always null: the link is removed.")
            .Handle(RemoveAsync);
    }

    private static async Task<MutationResult> AddAsync(EditScope scope, MutationInput<AddLinkInput> input, CancellationToken cancellationToken)
    {
        var sessionId = input.OptionalId(i => i.SessionId);
        var eventId = input.OptionalId(i => i.EventId);
        if (sessionId is null == eventId is null)
        {
            input.Problem(i => i.SessionId, "Give exactly one of sessionId and eventId.");
        }

        var kind = input.Value.Kind;
        var url = input.Url(i => i.Url, required: true);
        var label = input.OptionalText(i => i.Label) ?? kind.ToString();
        input.ThrowIfInvalid();

        var link = new Link { Kind = kind, Url = url!, Label = label };
        if (sessionId is { } id)
        {
            var session = await SessionMutations.LoadAsync(scope, id, cancellationToken);
            var before = SessionSnapshot.Of(session);
            link.Position = session.Links.Count == 0 ? 0 : session.Links.Max(l => l.Position) + 1;
            session.Links.Add(link);
            SessionMutations.Touch(scope, session, before, RevisionOperation.Update, "links");
        }
        else
        {
            var ev = await scope.FindAsync(scope.Db.Events.Include(e => e.Links), eventId!.Value, "Event", cancellationToken);
            link.Position = ev.Links.Count == 0 ? 0 : ev.Links.Max(l => l.Position) + 1;
            ev.Links.Add(link);
        }

        scope.Record(Type, link, 0, RevisionOperation.Create, ["kind", "url", "label"], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(link.Id);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput<UpdateLinkInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var url = input.Has(i => i.Url) ? input.Url(i => i.Url, required: true) : null;
        var label = input.Has(i => i.Label) ? input.Text(i => i.Label) : null;
        input.ThrowIfInvalid();
        var link = await scope.FindAsync(scope.Db.Links, id, Type, cancellationToken);
        scope.ExpectVersion(link, input.Value.Version, Type);
        var before = new LinkSnapshot(link.Kind, link.Url, link.Label, link.Position);
        var sessionBefore = await SessionBeforeAsync(scope, link, cancellationToken);
        link.Kind = input.Value.Kind ?? link.Kind;
        link.Url = url ?? link.Url;
        link.Label = label ?? link.Label;
        if (scope.Db.Entry(link).State == EntityState.Modified)
        {
            scope.Record(Type, link, link.Version, RevisionOperation.Update, ["kind", "url", "label"], before);
            sessionBefore?.Invoke();
        }

        return new MutationResult(link.Id);
    }

    private static async Task<MutationResult> RemoveAsync(EditScope scope, MutationInput<RemoveLinkInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var link = await scope.FindAsync(scope.Db.Links, id, Type, cancellationToken);
        scope.ExpectVersion(link, input.Value.Version, Type);
        var touchSession = await SessionBeforeAsync(scope, link, cancellationToken);
        scope.Record(Type, link, link.Version, RevisionOperation.Delete, ["deleted"], new LinkSnapshot(link.Kind, link.Url, link.Label, link.Position));
        scope.Db.Links.Remove(link);
        touchSession?.Invoke();
        return new MutationResult(null);
    }

    /// <summary>For a session's link: records the session's revision (its content includes its links) when invoked.</summary>
    private static async Task<Action?> SessionBeforeAsync(EditScope scope, Link link, CancellationToken cancellationToken)
    {
        if (link.SessionId is not { } sessionId)
        {
            return null;
        }

        var session = await SessionMutations.LoadAsync(scope, sessionId, cancellationToken);
        var before = SessionSnapshot.Of(session);
        return () => SessionMutations.Touch(scope, session, before, RevisionOperation.Update, "links");
    }
}

public sealed record AddLinkInput(
    [property: Description("The session the link belongs to."), GlobalId("Session")] string? SessionId,
    [property: Description("The edition the link belongs to."), GlobalId("Event")] string? EventId,
    [property: Description("What the link points to.")] LinkKind Kind,
    [property: Description("An absolute http or https URL.")] string Url,
    [property: Description("The link's text (default: the kind's name).")] string? Label);

public sealed record UpdateLinkInput(
    [property: Description("The link."), GlobalId("Link")] string Id,
    int Version,
    [property: Description("What the link points to.")] LinkKind? Kind,
    [property: Description("An absolute http or https URL.")] string? Url,
    [property: Description("The link's text.")] string? Label) : IVersionedInput;

public sealed record RemoveLinkInput(
    [property: Description("The link."), GlobalId("Link")] string Id,
    int Version) : IVersionedInput;
