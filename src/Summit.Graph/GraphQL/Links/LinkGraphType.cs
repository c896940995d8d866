using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.GraphQL.Links;

/// <summary>A link of a session or an edition: the one declaration of its GraphQL surface.</summary>
public sealed class LinkModel : EntityModel<Link>
{
    public static readonly LinkModel Instance = new();

    private LinkModel()
        : base("Link", "A link of a session (recording, slides, demo, reference) or of an edition.", l => l.Id)
    {
        Column("kind", l => l.Kind, "What the link points to.");
        Column("url", l => l.Url, "The absolute URL.");
        Column("label", l => l.Label, "The link's text.");
        Column("version", l => l.Version, "Increases with every change; pass it back when updating.");
        Column("updatedAt", l => l.UpdatedAt, "When the link last changed (UTC, or in `timeZone`).");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(l => l.Position), Descending: false)];
}

public sealed class LinkGraphType() : EntityGraphType<Link>(LinkModel.Instance);

/// <summary>An edition's sponsor (not a node: it has no page or mutation of its own).</summary>
public sealed class SponsorModel : EntityModel<Sponsor>
{
    public static readonly SponsorModel Instance = new();

    private SponsorModel()
        : base("Sponsor", "An organisation sponsoring an edition.", s => s.Id, node: false)
    {
        Column("name", s => s.Name, "The sponsor's name.");
        Column("url", s => s.Url, "The sponsor's website.");
    }

    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(s => s.Position), Descending: false)];
}

public sealed class SponsorGraphType() : EntityGraphType<Sponsor>(SponsorModel.Instance);
