using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.GraphQL.Slots;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL;

public sealed class SummitSchema : Schema
{
    /// <summary>The models whose lists take <c>where</c> and <c>order</c>, found from the declarations.</summary>
    public static readonly IReadOnlyList<EntityModel> FilterableModels = EntityModels.Filterable(typeof(SummitSchema).Assembly);

    public SummitSchema(IServiceProvider services)
        : base(services)
    {
        Description = "Summit.Graph: the programme of the KubeVirt Summit and its later editions.";
        // What HotChocolate's introspection answers too: __Directive.isRepeatable, deprecated input values, and (added by
        // the visitor) __Type.specifiedByURL and includeDeprecated on __Directive.args.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        Directives.Register(new SpecifiedByDirective());
        RegisterVisitor(new HotChocolateIntrospection());
        RegisterType(new ZonedDateTimeGraphType());
        RegisterTypeMapping(typeof(DateOnly), typeof(LocalDateGraphType));
        RegisterTypeMapping(typeof(TimeOnly), typeof(LocalTimeGraphType));
        Query = services.GetRequiredService<QueryType>();
        var mutation = services.GetRequiredService<MutationType>();
        mutation.AddMutations(type => RegisterType(type));
        Mutation = mutation;
        Subscription = services.GetRequiredService<Live.SubscriptionType>();
        // Entity types refer to each other by name (their declarations are static and refer to each other too).
        foreach (var entityType in typeof(SummitSchema).Assembly.GetTypes().Where(IsEntityGraphType))
        {
            RegisterType(entityType);
        }

        foreach (var type in DataInputTypes.Create(FilterableModels))
        {
            RegisterType(type);
        }

        RegisterType(Connections.PageInfo());
        RegisterType(typeof(Search.SearchResultGraphType));
        foreach (var (field, node) in new[] { ("events", "Event"), ("slots", "Slot"), ("sessions", "Session"), ("presenters", "Presenter"), ("search", "SearchResult") })
        {
            foreach (var type in Connections.Create(field, node))
            {
                RegisterType(type);
            }
        }

        // The IBM cost specification's directives, applied from the same metadata the cost analysis reads.
        Directives.Register(new CostDirective(), new ListSizeDirective());
        this.RegisterVisitor(new CostDirectivesVisitor(
            services.GetRequiredService<IOptions<OperationLimitOptions>>().Value, services.GetRequiredService<IOptions<PagingOptions>>().Value));

        // GraphQL.NET weighs introspection by typical schema sizes: the IDE's query would cost about 250,000.
        // It runs in memory, so it counts 2%: the IDE loads, and introspection that nests itself is still refused.
        this.WithIntrospectionComplexityImpact(0.02);
    }

    private static bool IsEntityGraphType(Type type) =>
        !type.IsAbstract && type.BaseType is { IsGenericType: true } baseType && baseType.GetGenericTypeDefinition() == typeof(EntityGraphType<>);
}
