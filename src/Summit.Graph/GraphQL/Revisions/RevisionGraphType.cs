using System.Linq.Expressions;
using GraphQL.Types;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.GraphQL.Revisions;

/// <summary>One saved change: the one declaration of its GraphQL surface.</summary>
public sealed class RevisionModel : EntityModel<Revision>
{
    public static readonly RevisionModel Instance = new();

    private RevisionModel()
        : base("Revision", "One change to a session or presenter: who, when, what, and the full content before it.", r => r.Id)
    {
        Column("version", r => r.Version, "The object's version before the change (0 when the change created it).");
        Column("operation", r => r.Operation, "What kind of change it was.");
        Column("author", r => r.Author, "The name of the key that made the change.");
        Column("createdAt", r => r.CreatedAt, "When the change was saved (UTC, or in `timeZone`).");
        // A JSON document of up to a whole session: matching text inside it is not a filter the database can serve well.
        Column("previousContent", r => r.PreviousContent, "The full content before the change, as JSON; null when the change created the object.", filterable: false, sortable: false);
    }

    /// <summary>Newest first.</summary>
    public override IReadOnlyList<SortKey> DefaultOrder { get; } = [new(Key(r => r.Id), Descending: true)];
}

public sealed class RevisionGraphType : EntityGraphType<Revision>
{
    public RevisionGraphType()
        : base(RevisionModel.Instance)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, IEnumerable<string>>("changedFields")
            .Description("The fields the change touched.")
            .Resolve(context => context.Source.ChangedFields.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .FieldType.RequiresMembers(Members(r => r.ChangedFields));
    }

    private static Expression<Func<Revision, string>> Members(Expression<Func<Revision, string>> member) => member;
}
