using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Summit.Graph.GraphQL.Common;

/// <summary>The <c>timeZone</c> argument of time fields: stored UTC times answered in an IANA zone.</summary>
public static class ZonedTime
{
    public const string Argument = "timeZone";

    public const string ArgumentDescription =
        "An IANA time zone such as `America/New_York`: the time is answered in that zone, with its offset " +
        "(`2021-02-09T09:00:00-05:00`). Omitted, the time is answered in UTC (`2021-02-09T14:00:00Z`).";

    /// <summary>The longest time zone name looked up.</summary>
    private const int MaxTimeZoneIdLength = 64;

    /// <summary>The UTC time itself when no zone is asked for, else the same instant with the zone's offset.</summary>
    /// <exception cref="QueryArgumentException">The zone is not a known IANA name (code <c>UNKNOWN_TIME_ZONE</c>).</exception>
    public static object In(DateTime utc, string? timeZone)
    {
        if (timeZone is null)
        {
            return utc;
        }

        try
        {
            // IANA names are at most about 30 characters; a longer one is never looked up (the lookup reads the
            // system's zone files by that name, once per field).
            var zone = timeZone.Length <= MaxTimeZoneIdLength ? TimeZoneInfo.FindSystemTimeZoneById(timeZone) : throw new TimeZoneNotFoundException();
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new QueryArgumentException($"'{QueryArgumentException.Quote(timeZone)}' is not a known time zone; use an IANA name such as 'America/New_York' or 'Europe/Berlin'.", "UNKNOWN_TIME_ZONE");
        }
    }
}

/// <summary>
/// The schema's <c>DateTime</c> scalar, which also answers a time in a zone (<see cref="ZonedTime"/>): ISO 8601
/// with that zone's offset. It replaces GraphQL.NET's own, which serialises UTC times only.
/// </summary>
/// <remarks>
/// A field's value is answered as the <see cref="DateTime"/> or <see cref="DateTimeOffset"/> itself, not as text:
/// System.Text.Json writes both in exactly the scalar's form (<see cref="UtcFormat"/>, <see cref="OffsetFormat"/>:
/// no trailing zeros in the fraction, <c>Z</c> for UTC, else the offset), straight into the response, so no string is
/// made for each time of every answer. Values printed into the schema (<see cref="ToAST"/>) are formatted here.
/// </remarks>
/// <seealso href="https://scalars.graphql.org/chillicream/date-time.html"/>
public sealed class ZonedDateTimeGraphType : DateTimeGraphType
{
    public const string SpecifiedByUrl = "https://scalars.graphql.org/chillicream/date-time.html";

    /// <summary>A UTC time's text: <c>2021-02-09T14:00:00Z</c>, GraphQL.NET's format.</summary>
    public const string UtcFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK";

    /// <summary>A zoned time's text: <c>2021-02-09T09:00:00-05:00</c>.</summary>
    public const string OffsetFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public ZonedDateTimeGraphType()
    {
        Name = "DateTime";
        Description = "A date and time in ISO 8601: `2021-02-09T14:00:00Z` in UTC, `2021-02-09T09:00:00-05:00` when asked for in a time zone.";
        this.SpecifiedBy(SpecifiedByUrl);
    }

    public override object? Serialize(object? value) => value is DateTime or DateTimeOffset ? value : base.Serialize(value);

    public override object? ParseLiteral(GraphQLValue value) => Exact(base.ParseLiteral(value), value is GraphQLStringValue text ? (string)text.Value : null);

    public override object? ParseValue(object? value) => Exact(base.ParseValue(value), value as string);

    /// <summary>
    /// GraphQL.NET applies the offset of a time near <see cref="DateTime"/>'s ends wrongly instead of refusing it
    /// (<c>0001-01-01T00:00:00+01:00</c>, an instant before the year 1 in UTC, came back as <c>0001-01-01T23:00:00Z</c>). The
    /// text it accepted is read again with its own offset: the exact instant in UTC, or a refusal when that instant is
    /// outside the years 1 to 9999.
    /// </summary>
    /// <exception cref="FormatException">The instant is before 0001-01-01 or after 9999-12-31 in UTC.</exception>
    private static object? Exact(object? parsed, string? text) =>
        parsed is DateTime && text is not null
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? instant.UtcDateTime
                : throw new FormatException($"'{text}' is outside the times this server keeps: 0001-01-01 to 9999-12-31 in UTC.")
            : parsed;

    public override GraphQLValue ToAST(object? value) => value switch
    {
        DateTimeOffset local => new GraphQLStringValue(local.ToString(OffsetFormat, CultureInfo.InvariantCulture)),
        DateTime utc => new GraphQLStringValue(utc.ToString(UtcFormat, CultureInfo.InvariantCulture)),
        _ => base.ToAST(value),
    };
}
