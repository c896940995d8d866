using System.Text;
using Summit.Graph.Limits;

namespace Summit.Graph.Tests.Limits;

public sealed class JsonBoundsTests
{
    private static readonly OperationLimitOptions Limits = new();

    [Theory]
    [InlineData(64, null)]
    [InlineData(65, "LIMIT_INPUT_DEPTH")]
    [InlineData(650, "LIMIT_INPUT_DEPTH")]
    [InlineData(500_000, "LIMIT_INPUT_DEPTH")]
    public void DepthIsBoundedAtSixtyFourLevels(int levels, string? code)
    {
        var json = new string('[', levels) + new string(']', levels);

        var error = JsonBounds.Check(Encoding.UTF8.GetBytes(json), Limits, out var notJson);

        Assert.False(notJson);
        Assert.Equal(code, error?.Code);
    }

    [Fact]
    public void ObjectsCountTowardsTheDepthLikeArrays()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":[", 33)) + "1" + string.Concat(Enumerable.Repeat("]}", 33));

        Assert.Equal("LIMIT_INPUT_DEPTH", JsonBounds.Check(Encoding.UTF8.GetBytes(json), Limits, out _)?.Code);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(501, "LIMIT_INPUT_LIST_LENGTH")]
    [InlineData(5_010, "LIMIT_INPUT_LIST_LENGTH")]
    public void EveryArrayIsBoundedByItsOwnLength(int items, string? code)
    {
        // The long array is nested in an object, beside another array: each counts its own items.
        var list = string.Join(',', Enumerable.Range(0, items).Select(i => i % 3 == 0 ? "{\"x\":[1,2]}" : i % 3 == 1 ? "[3]" : "\"s\""));
        var json = "{\"variables\":{\"other\":[1,2,3],\"w\":[" + list + "]}}";

        var error = JsonBounds.Check(Encoding.UTF8.GetBytes(json), Limits, out var notJson);

        Assert.False(notJson);
        Assert.Equal(code, error?.Code);
        Assert.Contains(code is null ? "" : "(GraphQL:Limits:MaxInputListLength)", error?.Message ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"query\": ")]
    [InlineData("{'query': 1}")]
    [InlineData("[1, 2")]
    [InlineData("")]
    public void TextThatIsNotJsonIsToldApart(string text)
    {
        var error = JsonBounds.Check(Encoding.UTF8.GetBytes(text), Limits, out var notJson);

        Assert.Null(error);
        Assert.True(notJson);
    }
}
