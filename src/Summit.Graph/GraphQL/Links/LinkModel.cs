using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.GraphQL.Links;

public sealed class LinkModel : EntityModel<Link>
{
    public static readonly LinkModel Instance = new();

    private LinkModel()
        : base("Link")
    {
        Scalar("kind", l => l.Kind, "What the link points to.", sortable: false);
        Scalar("url", l => l.Url, "The absolute URL.");
        Scalar("label", l => l.Label, "The link's text.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<int>(l => l.Position), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(l => l.Id);
}

/// <summary>An event's sponsor.</summary>
public sealed class SponsorModel : EntityModel<Sponsor>
{
    public static readonly SponsorModel Instance = new();

    private SponsorModel()
        : base("Sponsor")
    {
        Scalar("name", s => s.Name, "The sponsor's name.");
        Scalar("url", s => s.Url, "The sponsor's website.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key<int>(s => s.Position), Descending: false)];

    public override LambdaExpression IdKey { get; } = Key<int>(s => s.Id);
}
