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

    /// <summary>Every sortable member of every filterable entity can be a cursor key: its values survive the round trip.</summary>
    [Fact]
    public void EverySortableMemberKindSurvivesTheRoundTrip()
    {
        var scalars = Summit.Graph.GraphQL.SummitSchema.FilterableModels
            .SelectMany(model => model.Members.Where(m => m.Kind == MemberKind.Scalar && m.Sortable).Select(member => (model, member)));

        foreach (var (model, member) in scalars)
        {
            var order = SortTranslator.Translate(model, new[] { new Dictionary<string, object?> { [member.Name] = SortDirection.Asc } });
            var fingerprint = KeysetCursor.Fingerprint(order);
            object?[] values = [.. order.Select(key => Sample(key.Key.ReturnType))];

            Assert.Equal(values, KeysetCursor.Decode(KeysetCursor.Encode(fingerprint, values), fingerprint, order, "after"));
        }
    }

    private static object Sample(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying.IsEnum => Enum.GetValues(underlying).GetValue(1)!,
            _ when underlying == typeof(string) => "Ünïcödé",
            _ when underlying == typeof(int) => 42,
            _ when underlying == typeof(DateTime) => new DateTime(2021, 2, 9, 14, 0, 0, DateTimeKind.Utc),
            _ when underlying == typeof(DateOnly) => new DateOnly(2021, 2, 9),
            _ when underlying == typeof(TimeOnly) => new TimeOnly(14, 30, 5),
            _ => throw new NotSupportedException(underlying.Name),
        };
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

    /// <summary>Cursors that are wrong in every way a decoder can meet: each is CURSOR_INVALID, never another error.</summary>
    public static TheoryData<string, string> MalformedCursors
    {
        get
        {
            var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);
            string Values(string start, string title, string id) => Encode($"[\"{fingerprint}\", {start}, {title}, {id}]");
            var data = new TheoryData<string, string>
            {
                { "id past Int32", Values("null", "\"T\"", "\"99999999999\"") },
                { "id far past Int64", Values("null", "\"T\"", "\"" + new string('9', 400) + "\"") },
                { "id in exponent form", Values("null", "\"T\"", "\"1e5\"") },
                { "id in hex", Values("null", "\"T\"", "\"0x10\"") },
                { "id with spaces", Values("null", "\"T\"", "\" 1 \"") },
                { "id as a JSON number", Values("null", "\"T\"", "1") },
                { "id as a boolean", Values("null", "\"T\"", "true") },
                { "id as an object", Values("null", "\"T\"", "{}") },
                { "null id", Values("null", "\"T\"", "null") },
                { "null title", Values("null", "null", "\"1\"") },
                { "date with an offset", Values("\"2021-02-09T14:00:00+02:00\"", "\"T\"", "\"1\"") },
                { "date without a zone", Values("\"2021-02-09T14:00:00\"", "\"T\"", "\"1\"") },
                { "date past the calendar", Values("\"10000-01-01T00:00:00.0000000Z\"", "\"T\"", "\"1\"") },
                { "February 30", Values("\"2021-02-30T00:00:00.0000000Z\"", "\"T\"", "\"1\"") },
                { "nested arrays", Encode($"[\"{fingerprint}\", [[[[]]]], \"T\", \"1\"]") },
                { "JSON nested past its depth limit", Encode(new string('[', 10_000) + new string(']', 10_000)) },
                { "invalid UTF-8", Convert.ToBase64String([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]).TrimEnd('=') },
                { "trailing garbage", Encode($"[\"{fingerprint}\", null, \"T\", \"1\"] x") },
                { "padding inside", "W1==0=" },
                { "non-ASCII", "Ünïcödé" },
                { "whitespace only", "   " },
                { "huge", new string('A', 1_000_000) },
                { "huge but valid JSON", Encode($"[\"{fingerprint}\", null, \"{new string('x', 100_000)}\", \"1\"]") },
            };

            // Deterministic noise: random bytes base64-encoded, and random printable text.
            var random = new Random(14);
            for (var i = 0; i < 40; i++)
            {
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                data.Add($"random bytes {i}", Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
                data.Add($"random text {i}", new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(32, 127))]));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public void EveryMalformedCursorIsCursorInvalid(string name, string cursor)
    {
        var fingerprint = KeysetCursor.Fingerprint(ProgrammeOrder);

        var error = Record.Exception(() => KeysetCursor.Decode(cursor, fingerprint, ProgrammeOrder, "after"));

        var refusal = Assert.IsType<QueryArgumentException>(error);
        Assert.Equal("CURSOR_INVALID", refusal.Code);
        Assert.NotEmpty(name);
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
