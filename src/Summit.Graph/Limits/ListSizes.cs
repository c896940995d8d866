using GraphQL.Types;

namespace Summit.Graph.Limits;

/// <summary>
/// How many items a list that is not paged is assumed to hold when an operation's cost is estimated: HotChocolate's
/// <c>@listSize(assumedSize:)</c>. Lists without one count <c>GraphQL:Limits:ListSizeEstimate</c> items. A list whose
/// real size is much larger than the estimate lets a small document cost far more than its estimate: an edition's
/// sessions counted 5 while an edition has 20 to 50, and <c>event { sessions { event { sessions ... } } }</c> five
/// levels deep answered 92 MB at an estimate of 4,700.
/// </summary>
public static class ListSizes
{
    /// <summary>The metadata key of a field's assumed list size.</summary>
    public const string AssumedSize = "Summit.AssumedListSize";

    /// <summary>Marks <paramref name="field"/>, a list that is not paged, as holding about <paramref name="items"/> items.</summary>
    public static FieldType WithAssumedSize(this FieldType field, int items)
    {
        field.Metadata[AssumedSize] = (int?)items;
        return field;
    }
}
