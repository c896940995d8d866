using System.Net;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.ReadApi;

[Collection(SummitServerCollection.Name)]
public sealed class LocalTimeTests(SummitServer server)
{
    [Fact]
    public async Task TimesAreAnsweredInTheAskedZoneWithItsOffset()
    {
        var data = await server.QueryAsync("""
            {
              event(slug: "kubevirt-summit-2021") {
                localHours { zone dailyStart dailyEnd }
                days {
                  utc: startsAt
                  newYork: startsAt(timeZone: "America/New_York")
                  berlinEnd: endsAt(timeZone: "Europe/Berlin")
                  slots { startsAt(timeZone: "Asia/Kolkata") endsAt(timeZone: "UTC") }
                }
              }
            }
            """);

        var ev = data["event"]!;
        Assert.Equal("""[{"zone":"EST","dailyStart":"09:00:00","dailyEnd":"14:00:00"},{"zone":"CET","dailyStart":"15:00:00","dailyEnd":"20:00:00"}]""",
            ev["localHours"]!.ToJsonString());
        var day = ev["days"]![0]!;
        Assert.Equal("2021-02-09T14:00:00Z", day["utc"]!.GetValue<string>());
        Assert.Equal("2021-02-09T09:00:00-05:00", day["newYork"]!.GetValue<string>());
        Assert.Equal("2021-02-09T20:00:00+01:00", day["berlinEnd"]!.GetValue<string>());
        Assert.Equal("2021-02-09T19:30:00+05:30", day["slots"]![0]!["startsAt"]!.GetValue<string>());
        Assert.Equal("2021-02-09T14:30:00+00:00", day["slots"]![0]!["endsAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownTimeZoneIsAGraphQLErrorWithACode()
    {
        var response = await server.PostAsync("""{ days { startsAt(timeZone: "Mars/Olympus_Mons") } }""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("UNKNOWN_TIME_ZONE", response.FirstErrorCode);
        Assert.Contains("'Mars/Olympus_Mons' is not a known time zone", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
