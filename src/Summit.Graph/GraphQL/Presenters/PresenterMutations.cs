using System.ComponentModel;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Content.Model;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Revisions;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;
using static Summit.Graph.GraphQL.Common.Mutations.MutationErrors;

namespace Summit.Graph.GraphQL.Presenters;

/// <summary>Editing people: details, deletion, restore, and merging two records of one person.</summary>
public static class PresenterMutations
{
    private const string Type = "Presenter";

    public static void Register(MutationBuilder mutations)
    {
        mutations.Add<CreatePresenterInput>("createPresenter", "Creates a person.")
            .Errors(DuplicateSlug)
            .Returns("presenter", PresenterModel.Instance, "The new person.")
            .Handle(CreateAsync);

        mutations.Add<UpdatePresenterInput>("updatePresenter", "Changes a person's details; omitted fields stay, null clears a field.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("presenter", PresenterModel.Instance, "The changed person.")
            .Handle(UpdateAsync);

        mutations.Add<DeletePresenterInput>("deletePresenter", "Deletes a person and takes them out of their sessions; `restorePresenter` brings both back.")
            .Errors(NotFound)
            .Returns("presenter", PresenterModel.Instance, "Always null: the person is deleted.")
            .Handle(DeleteAsync);

        mutations.Add<RestorePresenterInput>("restorePresenter", "Brings back a deleted person with their roles in the sessions that still exist (after a merge: the record only, since the sessions list the merged-into person).")
            .Errors(NotFound, DuplicateSlug)
            .Returns("presenter", PresenterModel.Instance, "The restored person.")
            .Handle(RestoreAsync);

        mutations.Add<RestorePresenterRevisionInput>("restorePresenterRevision", "Sets a person's details back to what a revision recorded.")
            .Errors(NotFound, DuplicateSlug)
            .Returns("presenter", PresenterModel.Instance, "The restored person.")
            .Handle(RestoreRevisionAsync);

        mutations.Add<MergePresentersInput>("mergePresenters", "Merges two records of one person: the source's sessions move to the target, the target's empty details are filled from the source, and the source is deleted (restorable).")
            .Errors(NotFound)
            .Returns("presenter", PresenterModel.Instance, "The merged person.")
            .Handle(MergeAsync);
    }

    private static Task<Presenter> LoadAsync(EditScope scope, int id, CancellationToken cancellationToken) =>
        scope.FindAsync(scope.Db.Presenters.Include(p => p.Sessions), id, Type, cancellationToken);

    private static async Task<MutationResult> CreateAsync(EditScope scope, MutationInput<CreatePresenterInput> input, CancellationToken cancellationToken)
    {
        var name = input.Text(i => i.Name);
        var presenter = new Presenter { Name = name, Slug = input.Slug(i => i.Slug, orFrom: name, kind: "person") };
        var changed = ApplyDetails(input, presenter);
        input.ThrowIfInvalid();
        await EnsureSlugFreeAsync(scope, presenter.Slug, null, cancellationToken);
        scope.Db.Presenters.Add(presenter);
        scope.Record(Type, presenter, 0, RevisionOperation.Create, ["name", "slug", .. changed], null);
        await scope.Db.SaveChangesAsync(cancellationToken);
        return new MutationResult(presenter.Id);
    }

    private static async Task<MutationResult> UpdateAsync(EditScope scope, MutationInput<UpdatePresenterInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        var name = input.Has(i => i.Name) ? input.Text(i => i.Name) : null;
        var slug = input.Has(i => i.Slug) ? input.Slug(i => i.Slug) : null;
        input.ThrowIfInvalid();
        var presenter = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(presenter, input.Value.Version, Type);
        var before = PresenterSnapshot.Of(presenter);
        var changed = ApplyDetails(input, presenter);
        input.ThrowIfInvalid();
        if (name is not null && name != presenter.Name)
        {
            presenter.Name = name;
            changed.Add("name");
        }

        if (slug is not null && slug != presenter.Slug)
        {
            await EnsureSlugFreeAsync(scope, slug, presenter.Id, cancellationToken);
            presenter.Slug = slug;
            changed.Add("slug");
        }

        if (changed.Count > 0)
        {
            scope.Record(Type, presenter, presenter.Version, RevisionOperation.Update, changed, before);
        }

        return new MutationResult(presenter.Id);
    }

    private static List<string> ApplyDetails<TInput>(MutationInput<TInput> input, Presenter presenter)
        where TInput : class, IPresenterDetails
    {
        var changed = new List<string>();
        void Set(Expression<Func<TInput, string?>> field, string? value, string? current, Action<string?> assign)
        {
            if (input.Has(field) && value != current)
            {
                assign(value);
                changed.Add(input.Field(field));
            }
        }

        Set(i => i.JobTitle, input.OptionalText(i => i.JobTitle, 200), presenter.JobTitle, v => presenter.JobTitle = v);
        Set(i => i.Company, input.OptionalText(i => i.Company, 200), presenter.Company, v => presenter.Company = v);
        Set(i => i.Twitter, input.OptionalText(i => i.Twitter, 100)?.TrimStart('@'), presenter.Twitter, v => presenter.Twitter = v);
        Set(i => i.Github, input.OptionalText(i => i.Github, 100), presenter.GitHub, v => presenter.GitHub = v);
        Set(i => i.LinkedIn, input.Url(i => i.LinkedIn, required: false), presenter.LinkedIn, v => presenter.LinkedIn = v);
        Set(i => i.Website, input.Url(i => i.Website, required: false), presenter.Website, v => presenter.Website = v);
        return changed;
    }

    private static async Task<MutationResult> DeleteAsync(EditScope scope, MutationInput<DeletePresenterInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var presenter = await LoadAsync(scope, id, cancellationToken);
        scope.ExpectVersion(presenter, input.Value.Version, Type);
        await SoftDeleteAsync(scope, presenter, RevisionOperation.Delete, cancellationToken);
        return new MutationResult(null);
    }

    /// <summary>Hides the person and removes their session roles; the revision keeps both for a restore.</summary>
    private static async Task SoftDeleteAsync(EditScope scope, Presenter presenter, RevisionOperation operation, CancellationToken cancellationToken)
    {
        scope.Record(Type, presenter, presenter.Version, operation, ["deleted"], PresenterSnapshot.Of(presenter));
        var sessionIds = presenter.Sessions.Select(s => s.SessionId).ToList();
        var sessions = await scope.Db.Sessions.Include(s => s.Presenters).Include(s => s.Links).AsSplitQuery()
            .Where(s => sessionIds.Contains(s.Id)).ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            var before = SessionSnapshot.Of(session);
            var part = session.Presenters.Single(p => p.PresenterId == presenter.Id);
            session.Presenters.Remove(part);
            scope.Db.SessionPresenters.Remove(part);
            Sessions.SessionMutations.Touch(scope, session, before, RevisionOperation.Update, "presenters");
        }

        presenter.DeletedAt = DateTime.UtcNow;
    }

    private static async Task<MutationResult> RestoreAsync(EditScope scope, MutationInput<RestorePresenterInput> input, CancellationToken cancellationToken)
    {
        var id = input.Id(i => i.Id);
        input.ThrowIfInvalid();
        var presenter = await scope.Db.Presenters.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt != null, cancellationToken)
            ?? throw new ContentException(NotFoundError.For(Type, id, "deleted person"));
        await EnsureSlugFreeAsync(scope, presenter.Slug, presenter.Id, cancellationToken);
        var deletion = await scope.Db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == Type && r.EntityId == id && (r.Operation == RevisionOperation.Delete || r.Operation == RevisionOperation.Merge))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        scope.Record(Type, presenter, presenter.Version, RevisionOperation.Restore, ["deleted"], PresenterSnapshot.Of(presenter));
        presenter.DeletedAt = null;

        // After a merge the sessions list the merged-into person; bringing the roles back too would list them twice.
        var roles = deletion?.Operation == RevisionOperation.Merge
            ? []
            : RevisionSnapshots.Read<PresenterSnapshot>(deletion?.PreviousContent)?.Sessions ?? [];
        var sessionIds = roles.Select(r => r.SessionId).ToList();
        var sessions = await scope.Db.Sessions.Include(s => s.Presenters).Include(s => s.Links).AsSplitQuery()
            .Where(s => sessionIds.Contains(s.Id)).ToListAsync(cancellationToken);
        foreach (var session in sessions.Where(s => s.Presenters.All(p => p.PresenterId != presenter.Id)))
        {
            var before = SessionSnapshot.Of(session);
            var role = roles.First(r => r.SessionId == session.Id);
            session.Presenters.Add(new SessionPresenter { PresenterId = presenter.Id, Role = role.Role, Position = Math.Min(role.Position, session.Presenters.Count) });
            Sessions.SessionMutations.Touch(scope, session, before, RevisionOperation.Update, "presenters");
        }

        return new MutationResult(presenter.Id);
    }

    private static async Task<MutationResult> RestoreRevisionAsync(EditScope scope, MutationInput<RestorePresenterRevisionInput> input, CancellationToken cancellationToken)
    {
        var revisionId = input.Id(i => i.RevisionId);
        input.ThrowIfInvalid();
        var revision = await scope.Db.Revisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.EntityType == Type && r.PreviousContent != null, cancellationToken)
            ?? throw new ContentException(new NotFoundError("No revision of a person with content has that ID.", GlobalId.Encode("Revision", revisionId)));
        var snapshot = RevisionSnapshots.Read<PresenterSnapshot>(revision.PreviousContent)!;
        var presenter = await LoadAsync(scope, revision.EntityId, cancellationToken);
        scope.ExpectVersion(presenter, input.Value.Version, Type);
        if (snapshot.Slug != presenter.Slug)
        {
            await EnsureSlugFreeAsync(scope, snapshot.Slug, presenter.Id, cancellationToken);
        }

        scope.Record(Type, presenter, presenter.Version, RevisionOperation.Restore,
            ["slug", "name", "jobTitle", "company", "twitter", "github", "linkedIn", "website"], PresenterSnapshot.Of(presenter));
        (presenter.Slug, presenter.Name, presenter.JobTitle, presenter.Company) = (snapshot.Slug, snapshot.Name, snapshot.JobTitle, snapshot.Company);
        (presenter.Twitter, presenter.GitHub, presenter.LinkedIn, presenter.Website) = (snapshot.Twitter, snapshot.GitHub, snapshot.LinkedIn, snapshot.Website);
        presenter.UpdatedAt = DateTime.UtcNow;
        return new MutationResult(presenter.Id);
    }

    private static async Task<MutationResult> MergeAsync(EditScope scope, MutationInput<MergePresentersInput> input, CancellationToken cancellationToken)
    {
        var targetId = input.Id(i => i.TargetId);
        var sourceId = input.Id(i => i.SourceId);
        if (targetId == sourceId && targetId != 0)
        {
            input.Problem(i => i.SourceId, "A record cannot be merged into itself.");
        }

        input.ThrowIfInvalid();
        var target = await LoadAsync(scope, targetId, cancellationToken);
        var source = await LoadAsync(scope, sourceId, cancellationToken);
        scope.ExpectVersion(target, input.Value.TargetVersion, Type);
        scope.ExpectVersion(source, input.Value.SourceVersion, Type);

        var before = PresenterSnapshot.Of(target);
        target.JobTitle ??= source.JobTitle;
        target.Company ??= source.Company;
        target.Twitter ??= source.Twitter;
        target.GitHub ??= source.GitHub;
        target.LinkedIn ??= source.LinkedIn;
        target.Website ??= source.Website;

        var moved = source.Sessions.Where(s => target.Sessions.All(t => t.SessionId != s.SessionId)).ToList();
        await SoftDeleteAsync(scope, source, RevisionOperation.Merge, cancellationToken);
        foreach (var role in moved)
        {
            scope.Db.SessionPresenters.Add(new SessionPresenter { SessionId = role.SessionId, PresenterId = target.Id, Role = role.Role, Position = role.Position });
        }

        target.UpdatedAt = DateTime.UtcNow;
        scope.Record(Type, target, target.Version, RevisionOperation.Merge, ["sessions", "details"], before);
        return new MutationResult(target.Id);
    }

    private static async Task EnsureSlugFreeAsync(EditScope scope, string slug, int? exceptId, CancellationToken cancellationToken)
    {
        if (await scope.Db.Presenters.AnyAsync(p => p.Slug == slug && p.Id != exceptId, cancellationToken))
        {
            throw new ContentException(new DuplicateSlugError($"Another person already has the slug '{slug}'.", slug));
        }
    }
}

/// <summary>A person's optional details, which creating and updating share.</summary>
public interface IPresenterDetails
{
    [Description("Job title.")]
    string? JobTitle { get; }

    [Description("Company or organisation.")]
    string? Company { get; }

    [Description("Twitter handle, without @.")]
    string? Twitter { get; }

    [Description("GitHub login.")]
    string? Github { get; }

    [Description("LinkedIn profile URL (absolute http or https).")]
    string? LinkedIn { get; }

    [Description("Website URL (absolute http or https).")]
    string? Website { get; }
}

public sealed record CreatePresenterInput(
    [property: Description("The person's name (1 to 200 characters).")] string Name,
    [property: Description("The URL name; made from the name when omitted.")] string? Slug,
    string? JobTitle, string? Company, string? Twitter, string? Github, string? LinkedIn, string? Website) : IPresenterDetails;

public sealed record UpdatePresenterInput(
    [property: Description("The person."), GlobalId("Presenter")] string Id,
    int Version,
    [property: Description("The person's name (1 to 200 characters).")] string? Name,
    [property: Description("The URL name.")] string? Slug,
    string? JobTitle, string? Company, string? Twitter, string? Github, string? LinkedIn, string? Website) : IPresenterDetails, IVersionedInput;

public sealed record DeletePresenterInput(
    [property: Description("The person."), GlobalId("Presenter")] string Id,
    int Version) : IVersionedInput;

public sealed record RestorePresenterInput(
    [property: Description("The deleted person."), GlobalId("Presenter")] string Id);

public sealed record RestorePresenterRevisionInput(
    [property: Description("A revision of the person (from `Presenter.revisions`)."), GlobalId("Revision")] string RevisionId,
    int Version) : IVersionedInput;

public sealed record MergePresentersInput(
    [property: Description("The record to keep."), GlobalId("Presenter")] string TargetId,
    [property: Description("The version of the record to keep.")] int TargetVersion,
    [property: Description("The record to merge away."), GlobalId("Presenter")] string SourceId,
    [property: Description("The version of the record to merge away.")] int SourceVersion);
