namespace Summit.Graph.GraphQL.Common;

/// <summary>Page sizes of cursor connections (section <c>Paging</c>). HotChocolate's defaults.</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    public int DefaultPageSize { get; set; } = 10;

    public int MaxPageSize { get; set; } = 50;
}
