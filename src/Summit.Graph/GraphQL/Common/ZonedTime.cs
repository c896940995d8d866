using System.Globalization;
using GraphQL;
using GraphQL.Types;

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
/// <seealso href="https://scalars.graphql.org/chillicream/date-time.html"/>
public sealed class ZonedDateTimeGraphType : DateTimeGraphType
{
    public const string SpecifiedByUrl = "https://scalars.graphql.org/chillicream/date-time.html";

    public ZonedDateTimeGraphType()
    {
        Name = "DateTime";
        Description = "A date and time in ISO 8601: `2021-02-09T14:00:00Z` in UTC, `2021-02-09T09:00:00-05:00` when asked for in a time zone.";
        this.SpecifiedBy(SpecifiedByUrl);
    }

    public override object? Serialize(object? value) =>
        value is DateTimeOffset local ? local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) : base.Serialize(value);
}
