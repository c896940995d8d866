using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.Http;
using Summit.Graph.Limits;

namespace Summit.Graph.Hosting;

public static class GraphQLServiceExtensions
{
    public static WebApplicationBuilder AddSummitGraphQL(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PagingOptions>(builder.Configuration.GetSection(PagingOptions.Section));
        services.Configure<GraphQLHttpOptions>(builder.Configuration.GetSection(GraphQLHttpOptions.Section));
        services.Configure<OperationLimitOptions>(builder.Configuration.GetSection(OperationLimitOptions.Section));
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<ClientRateLimits>();
        services.AddHttpContextAccessor();
        services.Configure<CalendarOptions>(builder.Configuration.GetSection(CalendarOptions.Section));
        services.AddScoped<ContentAccess>();
        services.AddScoped<RequestLoaders>();
        services.AddScoped<EntityQueries>();
        services.AddSingleton<CompiledQueries>();
        services.AddScoped<GraphQL.Search.SearchQueries>();
        services.AddSingleton<TotalCounts>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLOperations>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<PersistedDocuments>();
        services.AddSingleton<ValidatedDocuments>();
        services.Configure<WarmUpOptions>(builder.Configuration.GetSection(WarmUpOptions.Section));
        services.AddSingleton<StartupWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<StartupWarmUp>());
        services.AddSingleton<HttpCaching>();
        services.Configure<ResponseCacheOptions>(builder.Configuration.GetSection(ResponseCacheOptions.Section));
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<BananaCakePop>();
        services.AddSingleton<ServerSentEvents>();
        services.AddSingleton<GraphQLWebSockets>();
        services.AddSingleton<SubscriptionStreams>();
        services.AddSingleton<ContentEditor>();
        services.Configure<PublishingOptions>(builder.Configuration.GetSection(PublishingOptions.Section));
        services.AddHostedService<ScheduledPublisher>();
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiKeyService>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<SummitSchema>()
            .AddGraphTypes(typeof(SummitSchema).Assembly)
            .AddValidationRule<MutationAuthorizationRule>()
            .AddValidationRule<OperationLimitsRule>()
            // Every subscription event runs in a service scope of its own: fresh loaders, fresh access.
            .AddScopedSubscriptionExecutionStrategy()
            // Queries run their fields one after another: resolvers read loaded rows, and batch loaders still
            // gather a whole level into one statement, so a task per field cost allocations and overlapped
            // little (only the first statements of root fields).
            .AddExecutionStrategy<QueryExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            // Names such as Křepinský stay readable; the responses are JSON, never inlined into HTML.
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(new BoundedErrorInfoProvider(new global::GraphQL.Execution.ErrorInfoProviderOptions { ExposeExceptionDetails = builder.Environment.IsDevelopment() }))
            .AddUnhandledExceptionHandler(DatabaseErrors.Map));
        return builder;
    }

    public static WebApplication MapSummitGraphQL(this WebApplication app)
    {
        app.UseWebSockets();
        app.Services.GetRequiredService<BananaCakePop>().Map(app);
        app.UseAuthentication();
        var endpoint = app.Services.GetRequiredService<GraphQLHttpEndpoint>();
        app.MapMethods("/graphql", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], endpoint.HandleAsync);
        // graphql-sse's default URL; /graphql takes the same requests when they accept text/event-stream.
        var serverSentEvents = app.Services.GetRequiredService<ServerSentEvents>();
        app.MapMethods("/graphql/stream", [HttpMethods.Get, HttpMethods.Post], serverSentEvents.HandleAsync);
        app.MapGet("/graphql/schema.graphql", (ISchema schema) => Results.Text(PrintSchema(schema), "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>The SDL as <c>schema/summit.graphql</c> keeps it.</summary>
    public static string PrintSchema(ISchema schema) =>
        schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
}
