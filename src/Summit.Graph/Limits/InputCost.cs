using GraphQL.Builders;

namespace Summit.Graph.Limits;

/// <summary>Marks fields whose work grows with the size of an argument, for the cost model of <see cref="OperationLimitsRule"/>.</summary>
public static class InputCost
{
    /// <summary>The field metadata that names the argument whose text the field renders.</summary>
    public const string RenderedArgumentKey = "summit:rendered-argument";

    /// <summary>
    /// The field renders the text of <paramref name="argument"/>: it costs a point per
    /// <c>GraphQL:Limits:MarkdownCharactersPerPoint</c> characters, whether the text is written in the document or
    /// sent as a variable.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> RendersText<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string argument)
    {
        field.FieldType.Metadata[RenderedArgumentKey] = argument;
        return field;
    }
}
