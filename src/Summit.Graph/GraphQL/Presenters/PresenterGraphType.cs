using GraphQL;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Revisions;
using Summit.Graph.GraphQL.Sessions;

using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Presenters;

public sealed class PresenterGraphType : EntityGraphType<Presenter>
{
    private static readonly ChildLink<Revision, Revision> RevisionLinks = ChildLink.Of(db => db.Revisions.Where(r => r.EntityType == "Presenter"), r => r.EntityId, r => r);
    private static readonly ChildLink<SessionPresenter, Session> SessionLinks = ChildLink.Of(db => db.SessionPresenters, sp => sp.PresenterId, sp => sp.Session!);

    public PresenterGraphType()
        : base("Presenter", "A person who presents, leads or sits on a panel; one per person across sessions and editions.", p => p.Id)
    {
        Column("slug", p => p.Slug, "The person's URL name.");
        Column("name", p => p.Name, "The person's name.");
        Column("jobTitle", p => p.JobTitle, "The person's job title.", nullable: true);
        Column("company", p => p.Company, "The company or organisation the person represents.", nullable: true);
        Column("twitter", p => p.Twitter, "Twitter handle, without @.", nullable: true);
        Column("github", p => p.GitHub, "GitHub login.", nullable: true);
        Column("linkedIn", p => p.LinkedIn, "LinkedIn profile URL.", nullable: true);
        Column("website", p => p.Website, "Personal or company website.", nullable: true);
        Column("version", p => p.Version, "Increases with every change; pass it back when updating.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RevisionGraphType>>>>("revisions")
            .Description("Every change, newest first (editors and previewers only).")
            .Resolve(context => context.RequireDraftAccess().Queries().Children(context, RevisionModel.Instance, context.Source.Id, RevisionLinks))
            .FieldType.WithAssumedSize(20);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionGraphType>>>>("sessions")
            .Description("The sessions the person takes part in, in programme order.")
            .Resolve(context => context.Queries().Children(context, SessionModel.Instance, context.Source.Id, SessionLinks))
            .FieldType.WithFilterAndOrder(SessionModel.Instance);
    }
}

public sealed class SessionPresenterGraphType : ObjectGraphType<SessionPresenter>
{
    public SessionPresenterGraphType()
    {
        Name = "SessionPresenter";
        Description = "A person's part in one session.";
        Field(sp => sp.Role).Description("The person's role in the session.").FieldType
            .Projects((System.Linq.Expressions.Expression<Func<SessionPresenter, Content.Model.PresenterRole>>)(sp => sp.Role));
        Field(sp => sp.Position).Description("The person's place in the session's list, from 0.").FieldType
            .Projects((System.Linq.Expressions.Expression<Func<SessionPresenter, int>>)(sp => sp.Position));
        Field<NonNullGraphType<PresenterGraphType>, Presenter>("presenter")
            .Description("The person.")
            .Resolve(context => context.Source.Presenter!)
            .FieldType.Projects((System.Linq.Expressions.Expression<Func<SessionPresenter, Presenter?>>)(sp => sp.Presenter));
    }
}
