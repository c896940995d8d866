using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.GraphQL.Presenters;

public sealed class PresenterModel : EntityModel<Presenter>
{
    public static readonly PresenterModel Instance = new();

    private PresenterModel()
        : base("Presenter")
    {
        Scalar("slug", p => p.Slug, "The person's URL name.");
        Scalar("name", p => p.Name, "The person's name.");
        Scalar("jobTitle", p => p.JobTitle, "The person's job title.");
        Scalar("company", p => p.Company, "The company or organisation the person represents.");
        Scalar("twitter", p => p.Twitter, "Twitter handle, without @.");
        Scalar("github", p => p.GitHub, "GitHub login.");
        Collection("sessions", p => p.Sessions.Select(s => s.Session!), () => SessionModel.Instance, "The sessions the person takes part in.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<string>(p => p.Name), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(p => p.Id);
}

/// <summary>A presenter's part in a session; ordered by position.</summary>
public sealed class SessionPresenterModel : EntityModel<SessionPresenter>
{
    public static readonly SessionPresenterModel Instance = new();

    private SessionPresenterModel()
        : base("SessionPresenter")
    {
        Scalar("role", sp => sp.Role, "The person's role in the session.", sortable: false);
        Reference("presenter", sp => sp.Presenter, () => PresenterModel.Instance, "The person.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<int>(sp => sp.Position), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(sp => sp.PresenterId);
}
