using System.Linq.Expressions;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Summit.Graph.GraphQL.Common;

/// <summary>The Relay <c>Node</c> interface every object type implements.</summary>
public sealed class NodeGraphType : InterfaceGraphType
{
    public NodeGraphType()
    {
        Name = "Node";
        Description = "An object with a global ID, fetchable with `node(id:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global ID of the object.");
    }
}

/// <summary>
/// An object type backed by an entity: a Relay node whose column fields also tell the projection which
/// columns they read.
/// </summary>
public abstract class EntityGraphType<T> : ObjectGraphType<T>
    where T : class
{
    protected EntityGraphType(string name, string description, Func<T, int> id)
    {
        Name = name;
        Description = description;
        Interface<NodeGraphType>();
        IsTypeOf = source => source is T;
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The global ID of the {name}.")
            .Resolve(context => GlobalId.Encode(name, id(context.Source)));
    }

    /// <summary>A field that returns a member of the entity and projects just that member.</summary>
    protected FieldBuilder<T, TValue> Column<TValue>(string name, Expression<Func<T, TValue>> member, string description, bool nullable = false)
    {
        var builder = Field(name, member, nullable).Description(description);
        builder.FieldType.Projects(member);
        return builder;
    }

    /// <summary>
    /// A UTC time column with an optional <c>timeZone</c> argument (see <see cref="ZonedTime"/>). Its type stays
    /// <c>DateTime</c> (<see cref="ZonedDateTimeGraphType"/>): ISO 8601 with an offset, <c>Z</c> for UTC.
    /// </summary>
    protected FieldBuilder<T, object> ZonedTimeColumn(string name, Expression<Func<T, DateTime>> member, string description)
    {
        var read = member.Compile();
        var builder = Field<NonNullGraphType<DateTimeGraphType>, object>(name)
            .Description(description)
            .Argument<StringGraphType>(ZonedTime.Argument, ZonedTime.ArgumentDescription)
            .Resolve(context => ZonedTime.In(read(context.Source), context.GetArgument<string?>(ZonedTime.Argument)));
        builder.FieldType.Projects(member);
        return builder;
    }

    /// <summary>An object field (a navigation or a value object) whose sub-selection is projected into the same query.</summary>
    protected FieldBuilder<T, TValue> Projected<TGraphType, TValue>(string name, Expression<Func<T, TValue>> member, string description)
        where TGraphType : IGraphType
    {
        var read = member.Compile();
        var builder = Field<TGraphType, TValue>(name).Description(description).Resolve(context => read(context.Source));
        builder.FieldType.Projects(member);
        return builder;
    }
}

/// <summary><c>RichText</c>: Markdown as written, with its sanitised HTML and plain text.</summary>
public sealed class RichTextGraphType : ObjectGraphType<Data.Entities.RichText>
{
    public RichTextGraphType()
    {
        Name = "RichText";
        Description = "Text written in Markdown, with its rendering. `html` is sanitised and safe to insert into a page.";
        Field(r => r.Markdown).Description("The Markdown as the editor wrote it.").FieldType.Projects((Expression<Func<Data.Entities.RichText, string>>)(r => r.Markdown));
        Field(r => r.Html).Description("Sanitised HTML rendered from the Markdown (rendered once per content version).").FieldType.Projects((Expression<Func<Data.Entities.RichText, string>>)(r => r.Html));
        Field(r => r.PlainText).Description("The text without markup, for previews and search snippets.").FieldType.Projects((Expression<Func<Data.Entities.RichText, string>>)(r => r.PlainText));
    }
}
