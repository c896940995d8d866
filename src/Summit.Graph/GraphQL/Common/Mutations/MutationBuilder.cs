using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>What a mutation returns to its payload: the id of the changed object, when there is one.</summary>
public sealed record MutationResult(int? Id);

/// <summary>A payload: the changed object (loaded with the payload's own selection) or the expected errors.</summary>
public sealed record MutationPayload(MutationResult? Result, IReadOnlyList<ContentError>? Errors);

/// <summary>
/// Declares mutations in HotChocolate's conventions: <c>xyz(input: XyzInput!): XyzPayload!</c>, where the
/// payload holds the changed object and <c>errors: [XyzError!]</c>, a union of the mutation's error types.
/// Every mutation runs through <see cref="ContentEditor"/>: one transaction, revisions, version checks.
/// </summary>
public sealed class MutationBuilder(ObjectGraphType mutation, Action<IGraphType> registerType)
{
    public MutationDefinition Add(string name, string description) => new(this, name, description);

    internal void Complete(MutationDefinition definition)
    {
        var typeName = char.ToUpperInvariant(definition.Name[0]) + definition.Name[1..];

        var input = new InputObjectGraphType { Name = $"{typeName}Input", Description = $"The input of `{definition.Name}`." };
        foreach (var field in definition.InputFields)
        {
            input.AddField(field);
        }

        // Members resolve through their IsTypeOf.
        var union = new UnionGraphType { Name = $"{typeName}Error", Description = $"The expected failures of `{definition.Name}`." };
        foreach (var error in definition.ErrorTypes)
        {
            union.Type(error);
        }

        var payload = new ObjectGraphType { Name = $"{typeName}Payload", Description = $"The result of `{definition.Name}`." };
        var (resultField, model, resultDescription) = definition.ResultField;
        payload.AddField(new FieldType
        {
            Name = resultField,
            Description = resultDescription,
            ResolvedType = new GraphQLTypeReference(model.GraphTypeName),
            Resolver = new FuncFieldResolver<MutationPayload, object>(context => context.Source.Result?.Id is { } id
                ? model.LoadById(context, (IObjectGraphType)context.Schema.AllTypes[model.GraphTypeName]!, id)
                : null),
        });
        payload.AddField(new FieldType
        {
            Name = "errors",
            Description = "The expected failures; null when the mutation succeeded. Nothing was changed when there are errors.",
            ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(union.Name))),
            Resolver = new FuncFieldResolver<MutationPayload, IReadOnlyList<ContentError>>(context => context.Source.Errors),
        });

        registerType(input);
        registerType(union);
        registerType(payload);

        var handler = definition.Handler ?? throw new InvalidOperationException($"Mutation {definition.Name} has no handler.");
        mutation.AddField(new FieldType
        {
            Name = definition.Name,
            Description = definition.Description,
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference(payload.Name)),
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(new GraphQLTypeReference(input.Name))) { Name = "input", Description = $"What `{definition.Name}` should do." }),
            Resolver = new FuncFieldResolver<object, MutationPayload>(async context =>
            {
                var values = context.GetArgument<Dictionary<string, object?>>("input");
                var editor = context.RequestServices!.GetRequiredService<ContentEditor>();
                try
                {
                    var result = await editor.RunAsync(context.User.AuthorName(), scope =>
                    {
                        var mutationInput = new MutationInput(values);
                        return handler(scope, mutationInput, context.CancellationToken);
                    }, context.CancellationToken);
                    return new MutationPayload(result, null);
                }
                catch (ContentException exception)
                {
                    return new MutationPayload(null, exception.Errors);
                }
            }),
        });
    }
}

/// <summary>One mutation being declared.</summary>
public sealed class MutationDefinition(MutationBuilder builder, string name, string description)
{
    public static readonly Type Validation = typeof(ValidationErrorGraphType);
    public static readonly Type NotFound = typeof(NotFoundErrorGraphType);
    public static readonly Type Conflict = typeof(ConflictErrorGraphType);
    public static readonly Type DuplicateSlug = typeof(DuplicateSlugErrorGraphType);

    internal string Name { get; } = name;

    internal string Description { get; } = description;

    internal List<FieldType> InputFields { get; } = [];

    internal List<Type> ErrorTypes { get; } = [Validation];

    internal (string Field, EntityModel Model, string Description) ResultField { get; private set; }

    internal Func<EditScope, MutationInput, CancellationToken, Task<MutationResult>>? Handler { get; private set; }

    public MutationDefinition Id(string field, string description, bool required = true) => Input(field, "ID", description, required);

    public MutationDefinition Input(string field, string type, string description, bool required = false)
    {
        IGraphType graphType = new GraphQLTypeReference(type);
        InputFields.Add(new FieldType { Name = field, Description = description, ResolvedType = required ? new NonNullGraphType(graphType) : graphType });
        return this;
    }

    public MutationDefinition InputList(string field, string itemType, string description, bool required = true)
    {
        IGraphType list = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(itemType)));
        InputFields.Add(new FieldType { Name = field, Description = description, ResolvedType = required ? new NonNullGraphType(list) : list });
        return this;
    }

    /// <summary>The <c>version</c> the editor started from: the change is refused if the object moved on.</summary>
    public MutationDefinition Version(string what) =>
        Input("version", "Int", $"The version of the {what} the change is based on; a ConflictError when it is no longer current.", required: true);

    public MutationDefinition Errors(params Type[] errorTypes)
    {
        ErrorTypes.AddRange(errorTypes.Except(ErrorTypes));
        return this;
    }

    public MutationDefinition Returns(string field, EntityModel model, string description)
    {
        ResultField = (field, model, description);
        return this;
    }

    public void Handle(Func<EditScope, MutationInput, CancellationToken, Task<MutationResult>> handler)
    {
        Handler = handler;
        builder.Complete(this);
    }
}
