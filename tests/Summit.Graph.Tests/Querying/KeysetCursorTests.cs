using System.Text;
using System.Text.Json;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.Tests.Querying;

public sealed class KeysetCursorTests
{
    private static readonly IReadOnlyList<OrderKey> ProgrammeOrder = SortTranslator.Translate(SessionModel.Instance, null);

    private static readonly IReadOnlyList<OrderKey> TitleOrder =
        SortTranslator.Translate(SessionModel.Instance, new[] { new Dictionary<string, object?> { ["title"] = SortDirection.Desc } });

    [Fact]
    public void TheProgrammeOrderIsSlotStartThenTitleThenId()
    {
        Assert.Equal(["Slot.StartsAt", "Title", "Id"], ProgrammeOrder.Select(k => string.Join('.', k.Path.Select(m => m.Name))));
        Assert.Equal([true, false, false], ProgrammeOrder.Select(k => k.Nullable));
    }

    [Fact]
    public void ValuesSurviveTheRoundTrip()
    {
        var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);
        object?[] values = [new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc), "Welcome to the KubeVirt Summit! Ünïcödé / + =", 7];

        var decoded = KeysetCursor.Decode(KeysetCursor.Encode(fingerprint, values), fingerprint, ProgrammeOrder, "after");

        Assert.Equal(values, decoded);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)decoded[0]!).Kind);
    }

    [Fact]
    public void NullValuesSurviveTheRoundTrip()
    {
        var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);
        object?[] values = [null, "Unscheduled", 21];

        Assert.Equal(values, KeysetCursor.Decode(KeysetCursor.Encode(fingerprint, values), fingerprint, ProgrammeOrder, "after"));
    }

    [Fact]
    public void DatesSurviveTheRoundTrip()
    {
        var eventOrder = SortTranslator.Translate(Summit.Graph.GraphQL.Events.EventModel.Instance, null);
        var fingerprint = KeysetCursor.Fingerprint(eventOrder);
        object?[] values = [new DateOnly(2021, 2, 9), 1];

        Assert.Equal(values, KeysetCursor.Decode(KeysetCursor.Encode(fingerprint, values), fingerprint, eventOrder, "after"));
    }

    [Fact]
    public void CursorsAreUrlSafe()
    {
        var cursor = KeysetCursor.Encode(KeysetCursor.Fingerprint(ProgrammeOrder), [null, "???>>>~~~", 1]);

        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
    }

    [Fact]
    public void OrdersDifferingOnlyInDirectionHaveDifferentFingerprints()
    {
        var ascending = SortTranslator.Translate(SessionModel.Instance, new[] { new Dictionary<string, object?> { ["title"] = SortDirection.Asc } });

        Assert.NotEqual(KeysetCursor.Fingerprint(ascending), KeysetCursor.Fingerprint(TitleOrder));
        Assert.Equal(KeysetCursor.Fingerprint(TitleOrder), KeysetCursor.Fingerprint(
            SortTranslator.Translate(SessionModel.Instance, new[] { new Dictionary<string, object?> { ["title"] = SortDirection.Desc } })));
    }

    [Fact]
    public void ACursorOfAnotherOrderIsRefused()
    {
        var cursor = KeysetCursor.Encode(KeysetCursor.Fingerprint(TitleOrder), ["Welcome", null, "Welcome", 1]);

        var error = Assert.Throws<QueryArgumentException>(() => KeysetCursor.Decode(cursor, KeysetCursor.Fingerprint(ProgrammeOrder), ProgrammeOrder, "after"));

        Assert.Equal("CURSOR_INVALID", error.Code);
        Assert.Contains("another order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACursorOfAnotherEntityIsRefused()
    {
        var presenterOrder = SortTranslator.Translate(PresenterModel.Instance, null);
        var cursor = KeysetCursor.Encode(KeysetCursor.Fingerprint(presenterOrder), ["Adam Litke", 3]);

        var error = Assert.Throws<QueryArgumentException>(() => KeysetCursor.Decode(cursor, KeysetCursor.Fingerprint(ProgrammeOrder), ProgrammeOrder, "before"));

        Assert.Equal("CURSOR_INVALID", error.Code);
    }

    public static TheoryData<string> TamperedCursors
    {
        get
        {
            var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);
            return new()
            {
                string.Empty,
                "%%%",
                "bm90IGpzb24",
                Encode("null"),
                Encode("[]"),
                Encode("[null, null, \"Title\", \"1\"]"),
                Encode("{\"fingerprint\":\"x\"}"),
                Encode($"[\"{fingerprint}\", null, \"Title\"]"),
                Encode($"[\"{fingerprint}\", null, \"Title\", \"1\", \"2\"]"),
                Encode($"[\"{fingerprint}\", \"tomorrow\", \"Title\", \"1\"]"),
                Encode($"[\"{fingerprint}\", null, \"Title\", \"one\"]"),
                Encode($"[\"{fingerprint}\", null, \"Title\", 1]"),
            };
        }
    }

    [Theory]
    [MemberData(nameof(TamperedCursors))]
    public void TamperedCursorsAreRefused(string cursor)
    {
        var error = Assert.Throws<QueryArgumentException>(() => KeysetCursor.Decode(cursor, KeysetCursor.Fingerprint(ProgrammeOrder), ProgrammeOrder, "after"));

        Assert.Equal("CURSOR_INVALID", error.Code);
        Assert.Contains("'after'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidCursorWrittenByHandIsAccepted()
    {
        var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);

        var values = KeysetCursor.Decode(Encode($"[\"{fingerprint}\", \"2021-02-09T14:00:00.0000000Z\", \"Title\", \"12\"]"), fingerprint, ProgrammeOrder, "after");

        Assert.Equal([new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc), "Title", 12], values);
    }

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void TheEncodingIsJsonOfStrings()
    {
        var cursor = KeysetCursor.Encode("abcd1234", [null, "x", 5]);
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

        string?[] expected = ["abcd1234", null, "x", "5"];
        Assert.Equal(expected, JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(base64))!.AsEnumerable());
    }
}
