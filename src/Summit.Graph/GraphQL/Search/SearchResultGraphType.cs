using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Search;

/// <summary>What <c>search</c> finds: a session or a person. Members resolve through their <c>IsTypeOf</c>.</summary>
public sealed class SearchResultGraphType : UnionGraphType
{
    public SearchResultGraphType()
    {
        Name = "SearchResult";
        Description = "A session or a person that a search found.";
        Type<SessionGraphType>();
        Type<PresenterGraphType>();
    }

    /// <summary>The <c>search</c> query field: a connection of <c>SearchResult</c> named after the field, as HotChocolate names it.</summary>
    public static void AddQuery(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.AddField(new FieldType
        {
            Name = "search",
            Description = "Sessions and people whose words match the query, most relevant first: session titles and abstracts, people's names and "
                + "companies, in the database's full-text index. Every word must match; punctuation and search syntax are ignored; a name with one "
                + "letter wrong still finds its person (on SQLite and PostgreSQL). Anonymous readers find only what they may read. A cursor holds "
                + "its result's relevance and ID: after a change between two pages, results whose relevance changed may be missed or repeated.",
            // Nullable, as HotChocolate's paging middleware declares connections: an error nulls this field, not the whole answer.
            ResolvedType = new GraphQLTypeReference(Connections.ConnectionName("search")),
            Arguments = new QueryArguments(
                Connections.PagingArguments().Prepend(new QueryArgument<NonNullGraphType<StringGraphType>>
                {
                    Name = "query",
                    Description = "The words to find, as typed into a search box; at most GraphQL:Limits:MaxSearchLength characters (default 200) "
                        + "and GraphQL:Limits:MaxSearchTerms words (default 10).",
                }.WithCost(CostWeights.ExpensiveOperation))),
            Resolver = new FuncFieldResolver<object, ConnectionPage>(async context =>
                await context.RequestServices!.GetRequiredService<SearchQueries>().SearchAsync(context)),
        });
    }
}
