using GraphQL;
using GraphQL.DataLoader;
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
    private readonly HashSet<Type> registeredInputs = [];

    /// <summary>
    /// Declares <c>name(input: XyzInput!): XyzPayload!</c>, whose input type is <typeparamref name="TInput"/> (see
    /// <see cref="InputTypes"/>): the record is the only declaration of the input's fields.
    /// </summary>
    public MutationDefinition<TInput> Add<TInput>(string name, string description)
        where TInput : class => new(this, name, description);

    internal void Complete<TInput>(MutationDefinition<TInput> definition)
        where TInput : class
    {
        var typeName = char.ToUpperInvariant(definition.Name[0]) + definition.Name[1..];
        var inputName = $"{typeName}Input";
        if (typeof(TInput).Name != inputName)
        {
            throw new InvalidOperationException($"The input of {definition.Name} must be a record named {inputName}, not {typeof(TInput).Name}.");
        }

        foreach (var input in InputTypes.Create(typeof(TInput), $"The input of `{definition.Name}`.", registeredInputs))
        {
            registerType(input);
        }

        // Members resolve through their IsTypeOf.
        var union = new UnionGraphType { Name = $"{typeName}Error", Description = $"The expected failures of `{definition.Name}`." };
        foreach (var error in MutationErrors.InUnionOrder.Where(definition.ErrorTypes.Contains))
        {
            union.Type(error);
        }

        var payload = new ObjectGraphType { Name = $"{typeName}Payload", Description = $"The result of `{definition.Name}`." };
        var (resultField, resultType, load, resultDescription) = definition.ResultField;
        payload.AddField(new FieldType
        {
            Name = resultField,
            Description = resultDescription,
            ResolvedType = new GraphQLTypeReference(resultType),
            Resolver = new FuncFieldResolver<MutationPayload, object>(context => context.Source.Result?.Id is { } id ? load(context, id) : null),
        });
        payload.AddField(new FieldType
        {
            Name = "errors",
            Description = "The expected failures; null when the mutation succeeded. Nothing was changed when there are errors.",
            ResolvedType = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(union.Name))),
            Resolver = new FuncFieldResolver<MutationPayload, IReadOnlyList<ContentError>>(context => context.Source.Errors),
        });

        registerType(union);
        registerType(payload);

        var handler = definition.Handler ?? throw new InvalidOperationException($"Mutation {definition.Name} has no handler.");
        mutation.AddField(new FieldType
        {
            Name = definition.Name,
            Description = definition.Description,
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference(payload.Name)),
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(new GraphQLTypeReference(inputName))) { Name = "input", Description = $"What `{definition.Name}` should do." }),
            Resolver = new FuncFieldResolver<object, MutationPayload>(async context =>
            {
                var values = context.GetArgument<Dictionary<string, object?>>("input");
                var editor = context.RequestServices!.GetRequiredService<ContentEditor>();
                try
                {
                    var result = await editor.RunAsync(context.User.AuthorName(), async scope =>
                    {
                        var input = new MutationInput<TInput>(values);
                        var changed = await handler(scope, input, context.CancellationToken);
                        // Rules every input follows (such as the range of times) hold even for a handler that checks nothing itself; thrown before the save.
                        input.ThrowIfInvalid();
                        return changed;
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

/// <summary>
/// The error types of the mutations' unions. Every union holds <see cref="Always"/>; a mutation declares the others it
/// can answer with.
/// </summary>
public static class MutationErrors
{
    public static readonly Type Validation = typeof(ValidationErrorGraphType);
    public static readonly Type NotFound = typeof(NotFoundErrorGraphType);
    public static readonly Type Conflict = typeof(ConflictErrorGraphType);
    public static readonly Type DuplicateSlug = typeof(DuplicateSlugErrorGraphType);

    /// <summary>The order of the members of every error union.</summary>
    public static readonly IReadOnlyList<Type> InUnionOrder = [Validation, NotFound, Conflict, DuplicateSlug];

    /// <summary>
    /// A rule broken by the input, and what <see cref="ContentEditor"/> answers when concurrent commits keep making a save
    /// fail: any mutation can meet either.
    /// </summary>
    public static readonly IReadOnlyList<Type> Always = [Validation, Conflict];
}

/// <summary>One mutation being declared.</summary>
public sealed class MutationDefinition<TInput>(MutationBuilder builder, string name, string description)
    where TInput : class
{
    internal string Name { get; } = name;

    internal string Description { get; } = description;

    internal List<Type> ErrorTypes { get; } = [.. MutationErrors.Always];

    internal (string Field, string GraphTypeName, Func<IResolveFieldContext, int, IDataLoaderResult<object?>> Load, string Description) ResultField { get; private set; }

    internal Func<EditScope, MutationInput<TInput>, CancellationToken, Task<MutationResult>>? Handler { get; private set; }

    /// <summary>The error types of <see cref="MutationErrors.InUnionOrder"/> the mutation answers with besides <see cref="MutationErrors.Always"/>.</summary>
    /// <exception cref="ArgumentException">A type that is not one of <see cref="MutationErrors.InUnionOrder"/>.</exception>
    public MutationDefinition<TInput> Errors(params Type[] errorTypes)
    {
        if (errorTypes.FirstOrDefault(type => !MutationErrors.InUnionOrder.Contains(type)) is { } unknown)
        {
            throw new ArgumentException($"{unknown.Name} is not one of MutationErrors.InUnionOrder.", nameof(errorTypes));
        }

        ErrorTypes.AddRange(errorTypes.Except(ErrorTypes));
        return this;
    }

    /// <summary>The payload's field holding the changed entity, loaded as <paramref name="model"/> loads it by id.</summary>
    public MutationDefinition<TInput> Returns(string field, EntityModel model, string description) =>
        Returns(field, model.GraphTypeName, (context, id) => model.LoadById(context, (IObjectGraphType)context.Schema.AllTypes[model.GraphTypeName]!, id), description);

    /// <summary>The payload's field holding the changed object of type <paramref name="graphTypeName"/>, loaded by <paramref name="load"/> from its id.</summary>
    public MutationDefinition<TInput> Returns(string field, string graphTypeName, Func<IResolveFieldContext, int, IDataLoaderResult<object?>> load, string description)
    {
        ResultField = (field, graphTypeName, load, description);
        return this;
    }

    public void Handle(Func<EditScope, MutationInput<TInput>, CancellationToken, Task<MutationResult>> handler)
    {
        Handler = handler;
        builder.Complete(this);
    }
}
