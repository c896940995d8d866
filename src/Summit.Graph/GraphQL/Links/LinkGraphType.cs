using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.GraphQL.Links;

public sealed class LinkGraphType : EntityGraphType<Link>
{
    public LinkGraphType()
        : base("Link", "A link of a session (recording, slides, demo, reference) or of an edition.", l => l.Id)
    {
        Column("kind", l => l.Kind, "What the link points to.");
        Column("url", l => l.Url, "The absolute URL.");
        Column("label", l => l.Label, "The link's text.");
        Column("version", l => l.Version, "Increases with every change; pass it back when updating.");
    }
}

public sealed class SponsorGraphType : ObjectGraphType<Sponsor>
{
    public SponsorGraphType()
    {
        Name = "Sponsor";
        Description = "An organisation sponsoring an edition.";
        Field(s => s.Name).Description("The sponsor's name.").FieldType
            .Projects((System.Linq.Expressions.Expression<Func<Sponsor, string>>)(s => s.Name));
        Field(s => s.Url).Description("The sponsor's website.").FieldType
            .Projects((System.Linq.Expressions.Expression<Func<Sponsor, string>>)(s => s.Url));
    }
}
