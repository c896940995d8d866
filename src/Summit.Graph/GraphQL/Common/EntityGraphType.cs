using System.Linq.Expressions;
using GraphQL;
using GraphQL.Resolvers;
using Summit.Graph.Limits;
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
/// The object type of an entity, built from its <see cref="EntityModel{TEntity}"/>: a Relay node whose fields are the
/// model's members, each telling the projection which members it reads. Subclasses add only fields that are not
/// members of the entity (computed values).
/// </summary>
public abstract class EntityGraphType<T> : ObjectGraphType<T>
    where T : class
{
    protected EntityGraphType(EntityModel<T> model)
    {
        Name = model.GraphTypeName;
        Description = model.Description;
        if (model.IsNode)
        {
            Interface<NodeGraphType>();
        }

        IsTypeOf = source => source is T;
        foreach (var member in model.Members)
        {
            AddField(FieldOf(model, member));
        }
    }

    private static FieldType FieldOf(EntityModel<T> model, ModelMember member)
    {
        var field = new FieldType { Name = member.Name, Description = member.Description };
        switch (member.Kind)
        {
            case MemberKind.Scalar when member.Filter == ScalarFilter.Id:
                field.Type = typeof(NonNullGraphType<IdGraphType>);
                field.Resolver = new FuncFieldResolver<T, object?>(context => GlobalId.Encode(model.GraphTypeName, model.IdOf(context.Source)));
                return field.Projects(member.Expression!);
            case MemberKind.Scalar when member.ValueType == typeof(DateTime):
                var readTime = Compile<DateTime>(member.Expression!);
                field.Type = typeof(NonNullGraphType<DateTimeGraphType>);
                field.Arguments = new QueryArguments(new QueryArgument<StringGraphType> { Name = ZonedTime.Argument, Description = ZonedTime.ArgumentDescription });
                field.Resolver = new FuncFieldResolver<T, object?>(context => ZonedTime.In(readTime(context.Source), context.GetArgument<string?>(ZonedTime.Argument)));
                return field.Projects(member.Expression!);
            case MemberKind.Scalar:
                field.Type = member.ValueType.GetGraphTypeFromType(member.Nullable, TypeMappingMode.OutputType);
                return Read(field, member);
            case MemberKind.Object:
                field.Type = member.GraphType;
                return Read(field, member);
            case MemberKind.Reference:
                var target = new GraphQLTypeReference(member.TargetModel.GraphTypeName);
                field.ResolvedType = member.Nullable ? target : new NonNullGraphType(target);
                return Read(field, member);
            default:
                var load = member.LoadChildren ?? throw new InvalidOperationException($"{model.GraphTypeName}.{member.Name} has no list field.");
                field.ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(member.TargetModel.GraphTypeName))));
                field.Resolver = member.ReadAccess == FieldAccess.DraftReaders
                    ? new FuncFieldResolver<T, object?>(context => load(context.RequireDraftAccess(), model.IdOf(context.Source)))
                    : new FuncFieldResolver<T, object?>(context => load(context, model.IdOf(context.Source)));
                if (member.ListArguments)
                {
                    field.WithFilterAndOrder(member.TargetModel);
                }

                return member.AssumedSize is { } size ? field.WithAssumedSize(size) : field;
        }
    }

    private static Func<T, TValue> Compile<TValue>(LambdaExpression member) => ((Expression<Func<T, TValue>>)member).Compile();

    /// <summary>Resolves <paramref name="field"/> by reading <paramref name="member"/> from the source entity.</summary>
    private static FieldType Read(FieldType field, ModelMember member)
    {
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(member.Expression!.Body, typeof(object)), member.Expression.Parameters).Compile();
        field.Resolver = member.ReadAccess == FieldAccess.DraftReaders
            ? new FuncFieldResolver<T, object?>(context =>
            {
                context.RequireDraftAccess();
                return read(context.Source);
            })
            : new FuncFieldResolver<T, object?>(context => read(context.Source));
        return field.Projects(member.Expression);
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
