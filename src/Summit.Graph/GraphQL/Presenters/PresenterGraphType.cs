using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Revisions;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Presenters;

/// <summary>A person: the one declaration of their GraphQL surface.</summary>
public sealed class PresenterModel : EntityModel<Presenter>
{
    private static readonly ChildLink<Revision, Revision> RevisionLinks = ChildLink.Of(db => db.Revisions.Where(r => r.EntityType == "Presenter"), r => r.EntityId, r => r);
    private static readonly ChildLink<SessionPresenter, Session> SessionLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.PresenterId, sp => sp.Session!);

    public static readonly PresenterModel Instance = new();

    /// <summary>The person with the slug (people are not per edition: the event slug is not used).</summary>
    public static readonly SlugLookup<Presenter> BySlug = new((db, slug, _) => db.Presenters.Where(p => p.Slug == slug));

    private PresenterModel()
        : base("Presenter", "A person who presents, leads or sits on a panel; one per person across sessions and editions.", p => p.Id)
    {
        Column("slug", p => p.Slug, "The person's URL name.");
        Column("name", p => p.Name, "The person's name.");
        Column("jobTitle", p => p.JobTitle, "The person's job title.");
        Column("company", p => p.Company, "The company or organisation the person represents.");
        Column("twitter", p => p.Twitter, "Twitter handle, without @.");
        Column("github", p => p.GitHub, "GitHub login.");
        Column("linkedIn", p => p.LinkedIn, "LinkedIn profile URL.");
        Column("website", p => p.Website, "Personal or company website.");
        Column("version", p => p.Version, "Increases with every change; pass it back when updating.");
        Column("updatedAt", p => p.UpdatedAt, "When the person's details last changed (UTC, or in `timeZone`).");
        Children("revisions", () => RevisionModel.Instance, "Every change, newest first (editors and previewers only).", RevisionLinks, assumedSize: 20, FieldAccess.DraftReaders);
        Collection("sessions", p => p.Sessions.Select(s => s.Session!), () => SessionModel.Instance, "The sessions the person takes part in, in programme order.", SessionLinks);
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(p => p.Name), Descending: false)];
}

public sealed class PresenterGraphType() : EntityGraphType<Presenter>(PresenterModel.Instance);

/// <summary>A presenter's part in a session (not a node: it is identified by its session and person); ordered by position.</summary>
public sealed class SessionPresenterModel : EntityModel<SessionPresenter>
{
    public static readonly SessionPresenterModel Instance = new();

    private SessionPresenterModel()
        : base("SessionPresenter", "A person's part in one session.", sp => sp.PresenterId, node: false)
    {
        Column("role", sp => sp.Role, "The person's role in the session.");
        Column("position", sp => sp.Position, "The person's place in the session's list, from 0.");
        Reference("presenter", sp => sp.Presenter, () => PresenterModel.Instance, "The person.", nullable: false);
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(sp => sp.Position), Descending: false)];
}

public sealed class SessionPresenterGraphType() : EntityGraphType<SessionPresenter>(SessionPresenterModel.Instance);
