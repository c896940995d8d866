using System.Globalization;
using System.Text.Encodings.Web;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Tests.Querying;

/// <summary>
/// The <c>DateTime</c> scalar answers times as values and leaves their text to System.Text.Json: the text must be
/// exactly the scalar's format for every kind of time, or answers would change.
/// </summary>
public sealed class ZonedDateTimeGraphTypeTests
{
    private static readonly GraphQLSerializer Serializer = new(options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private readonly ZonedDateTimeGraphType scalar = new();

    public static TheoryData<DateTime> UtcTimes =>
    [
        new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc),
        new DateTime(2021, 2, 9, 14, 0, 43, 940, DateTimeKind.Utc),
        new DateTime(2021, 2, 9, 14, 0, 43, DateTimeKind.Utc).AddTicks(1),
        new DateTime(2021, 2, 9, 14, 0, 43, DateTimeKind.Utc).AddTicks(1_000),
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Unspecified),
    ];

    public static TheoryData<DateTimeOffset> ZonedTimes =>
    [
        new DateTimeOffset(2021, 2, 9, 9, 0, 0, TimeSpan.FromHours(-5)),
        new DateTimeOffset(2021, 2, 9, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2021, 2, 9, 19, 30, 0, TimeSpan.FromHours(5.5)),
        new DateTimeOffset(2021, 2, 10, 3, 45, 0, TimeSpan.FromHours(13.75)),
        new DateTimeOffset(2021, 2, 9, 2, 0, 0, TimeSpan.FromHours(-12)),
        new DateTimeOffset(2021, 2, 9, 9, 0, 43, 940, TimeSpan.FromHours(-5)),
        new DateTimeOffset(2021, 2, 9, 9, 0, 43, TimeSpan.FromHours(-5)).AddTicks(123),
    ];

    [Theory]
    [MemberData(nameof(UtcTimes))]
    public void AUtcTimeIsWrittenInTheScalarsFormat(DateTime time) =>
        AssertWrittenAs(time.ToString(ZonedDateTimeGraphType.UtcFormat, CultureInfo.InvariantCulture), time);

    [Theory]
    [MemberData(nameof(ZonedTimes))]
    public void AZonedTimeIsWrittenInTheScalarsFormat(DateTimeOffset time) =>
        AssertWrittenAs(time.ToString(ZonedDateTimeGraphType.OffsetFormat, CultureInfo.InvariantCulture), time);

    /// <summary>The answer's JSON (the server's serializer options) and the schema's literal both hold <paramref name="expected"/>.</summary>
    private void AssertWrittenAs(string expected, object time)
    {
        Assert.Equal($"\"{expected}\"", Serializer.Serialize(scalar.Serialize(time)));
        Assert.Equal(expected, Assert.IsType<GraphQLStringValue>(scalar.ToAST(time)).Value.ToString());
    }

    [Fact]
    public void TheFormatsAreTheOnesTheSchemaDescribes()
    {
        Assert.Equal("2021-02-09T14:00:00Z", new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc).ToString(ZonedDateTimeGraphType.UtcFormat, CultureInfo.InvariantCulture));
        Assert.Equal("2021-02-09T09:00:00-05:00", new DateTimeOffset(2021, 2, 9, 9, 0, 0, TimeSpan.FromHours(-5)).ToString(ZonedDateTimeGraphType.OffsetFormat, CultureInfo.InvariantCulture));
    }
}
