using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Summit.Graph.Content.Markdown;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Search;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.GraphQL.Slots;
using Summit.Graph.GraphQL.Webhooks;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL;

/// <summary>The read API: root collections as cursor connections, lookups by slug, and Relay's node fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    /// <summary>The object types <c>node(id:)</c> can return, by the type name in the global ID.</summary>
    private static readonly Dictionary<string, EntityModel> NodeModels = EntityModels.All(typeof(QueryType).Assembly)
        .Where(m => m.IsNode).ToDictionary(m => m.GraphTypeName);

    public QueryType()
    {
        Name = "Query";
        Description = "Reads the programme: editions, days, slots, sessions and presenters.";

        Field<NodeGraphType>("node")
            .Description("Fetches an object by its global ID.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The global ID of the object.")
            .Resolve(context => LoadNode(context, context.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NodeGraphType>>>("nodes")
            .Description("Fetches objects by their global IDs, in the order given (null where none exists).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The global IDs of the objects.")
            .ResolveAsync(async context =>
            {
                var pending = context.GetArgument<List<string>>("ids").Select(id => LoadNode(context, id)).ToList();
                var results = new List<object?>(pending.Count);
                foreach (var result in pending)
                {
                    results.Add(await result.GetResultAsync(context.CancellationToken));
                }

                return results;
            });

        Connection("events", EventModel.Instance, "The editions, newest first.", db => db.Events);
        Field<EventGraphType>("event")
            .Description("One edition by slug; the newest edition when no slug is given.")
            .Argument<StringGraphType>("slug", "The edition's slug, for example `kubevirt-summit-2021`.")
            .ResolveAsync(async context =>
            {
                return await context.Queries().SingleAsync(context, EventModel.Instance, EventModel.BySlug, context.GetArgument<string?>("slug"));
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DayGraphType>>>>("days")
            .Description("The days of every edition, in time order; filter by `event` for one edition.")
            .ResolveAsync(async context => await context.Queries().ListAsync(context, DayModel.Instance, db => db.Days))
            .FieldType.WithFilterAndOrder(DayModel.Instance).WithAssumedSize(100);
        Connection("slots", SlotModel.Instance, "The time slots of every edition, in time order.", db => db.Slots);
        Connection("sessions", SessionModel.Instance, "The sessions of every edition, in programme order.", db => db.Sessions);
        Field<SessionGraphType>("session")
            .Description("One session by slug, in the given edition or else the newest edition that has it.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The session's slug (the page's anchor), for example `hotplug`.")
            .Argument<StringGraphType>("event", "The edition's slug; optional.")
            .ResolveAsync(async context =>
            {
                return await context.Queries().SingleAsync(context, SessionModel.Instance, SessionModel.BySlug,
                    context.GetArgument<string>("slug"), context.GetArgument<string?>("event"));
            });
        Field<NonNullGraphType<StringGraphType>>("renderMarkdown")
            .Description("The sanitised HTML an abstract written in this Markdown would get, for editor previews. Changes nothing. "
                + "Costs a point per GraphQL:Limits:MarkdownCharactersPerPoint characters (default 1); without a key, at most "
                + "GraphQL:Limits:AnonymousMarkdownMaxLength characters are rendered.")
            .Argument<NonNullGraphType<StringGraphType>>("markdown",
                FormattableString.Invariant($"Markdown: at most {MutationInput.MaxMarkdownLength:N0} characters with a key, nested at most {MarkdownRenderer.MaxNesting} levels deep."))
            .RendersText("markdown")
            .Resolve(RenderMarkdown);
        Connection("presenters", PresenterModel.Instance, "Everyone who presents, by name.", db => db.Presenters);
        Field<PresenterGraphType>("presenter")
            .Description("One person by slug.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The person's slug, for example `david-vossel`.")
            .ResolveAsync(async context =>
            {
                return await context.Queries().SingleAsync(context, PresenterModel.Instance, PresenterModel.BySlug, context.GetArgument<string>("slug"));
            });
        LikelyDuplicateGraphType.AddQuery(this);
        SearchResultGraphType.AddQuery(this);
        WebhookGraphType.AddQueries(this);
    }

    private void Connection<T>(string name, EntityModel<T> model, string description, Func<Data.SummitDbContext, IQueryable<T>> source)
        where T : class =>
        AddField(new FieldType
        {
            Name = name,
            Description = description,
            // Nullable, as HotChocolate's paging middleware declares connections: an error nulls this field, not the whole answer.
            ResolvedType = new GraphQLTypeReference(Connections.ConnectionName(name)),
            Arguments = new QueryArguments(Connections.PagingArguments().Append(DataInputTypes.Where(model)).Append(DataInputTypes.Order(model))),
            Resolver = new FuncFieldResolver<object, ConnectionPage>(async context => await context.Queries().ConnectionAsync(context, model, source)),
        });

    /// <summary>
    /// The preview of an abstract: <c>MARKDOWN_TOO_LONG</c> past the caller's length limit, <c>MARKDOWN_TOO_DEEP</c>
    /// past the nesting a stored abstract may have, as the mutations refuse them.
    /// </summary>
    private static string RenderMarkdown(IResolveFieldContext context)
    {
        var markdown = context.GetArgument<string>("markdown");
        var anonymousLimit = context.RequestServices!.GetRequiredService<IOptions<OperationLimitOptions>>().Value.AnonymousMarkdownMaxLength;
        var (limit, which) = context.User?.Identity?.IsAuthenticated == true || anonymousLimit >= MutationInput.MaxMarkdownLength
            ? (MutationInput.MaxMarkdownLength, "")
            : (anonymousLimit, " without a key (GraphQL:Limits:AnonymousMarkdownMaxLength)");
        if (markdown.Length > limit)
        {
            throw new QueryArgumentException(
                FormattableString.Invariant($"The Markdown has {markdown.Length:N0} characters; at most {limit:N0} are rendered{which}."), LimitCodes.MarkdownTooLong);
        }

        try
        {
            return context.RequestServices!.GetRequiredService<MarkdownRenderer>().Render(markdown).Html;
        }
        catch (MarkdownNestingException exception)
        {
            throw new QueryArgumentException(exception.Message, "MARKDOWN_TOO_DEEP");
        }
    }

    private static IDataLoaderResult<object?> LoadNode(IResolveFieldContext context, string id)
    {
        if (!GlobalId.TryDecode(id, out var typeName, out var key) || !NodeModels.TryGetValue(typeName, out var model))
        {
            throw new QueryArgumentException($"'{QueryArgumentException.Quote(id)}' is not the ID of any object.", "INVALID_ID");
        }

        return model.LoadById(context, (IObjectGraphType)context.Schema.AllTypes[typeName]!, key);
    }
}
