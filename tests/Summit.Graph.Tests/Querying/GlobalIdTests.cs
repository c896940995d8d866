using System.Text;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Tests.Querying;

public sealed class GlobalIdTests
{
    /// <summary>IDs that are wrong in every way a decoder can meet: each is INVALID_ID, never another error.</summary>
    public static TheoryData<string, string> MalformedIds
    {
        get
        {
            var data = new TheoryData<string, string>
            {
                { "empty", "" },
                { "not base64", "%%%" },
                { "no colon", Id("Session") },
                { "no type", Id(":1") },
                { "no key", Id("Session:") },
                { "key past Int32", Id("Session:2147483648") },
                { "key far past Int64", Id("Session:" + new string('9', 100)) },
                { "negative key", Id("Session:-1") },
                { "zero key", Id("Session:0") },
                { "key with a sign", Id("Session:+1") },
                { "key with spaces", Id("Session: 1") },
                { "key in hex", Id("Session:0x1") },
                { "key with a fraction", Id("Session:1.0") },
                { "key with a line break", Id("Session:1\n") },
                { "two colons", Id("Session:1:2") },
                { "wrong type", Id("Spaceship:1") },
                { "type in lower case", Id("session:1") },
                { "invalid UTF-8", Convert.ToBase64String([0x53, 0xff, 0x3a, 0x31]) },
                { "huge", new string('A', 1_000_000) },
            };
            var random = new Random(14);
            for (var i = 0; i < 40; i++)
            {
                var bytes = new byte[random.Next(1, 40)];
                random.NextBytes(bytes);
                data.Add($"random bytes {i}", Convert.ToBase64String(bytes));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public void EveryMalformedIdIsInvalidId(string name, string id)
    {
        var error = Record.Exception(() => GlobalId.Decode(id, "Session"));

        var refusal = Assert.IsType<QueryArgumentException>(error);
        Assert.Equal("INVALID_ID", refusal.Code);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void AnEncodedIdDecodes() => Assert.Equal(42, GlobalId.Decode(GlobalId.Encode("Session", 42), "Session"));

    /// <summary>HotChocolate's format, byte for byte, for every width of key and the schema's longest type names.</summary>
    [Theory]
    [InlineData("Session", 1)]
    [InlineData("Session", 42)]
    [InlineData("Presenter", 1_000_000)]
    [InlineData("SessionPresenterRevisionWithAVeryLongTypeName", int.MaxValue)]
    [InlineData("WebhookDelivery", 0)]
    [InlineData("Event", -7)]
    public void EncodingIsBase64OfTypeColonKey(string typeName, int id) =>
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{id}")), GlobalId.Encode(typeName, id));

    /// <summary>
    /// Encoded IDs are kept up to a bound: an ID asked for again is the kept string, and past the bound (when the
    /// table is emptied) every ID still encodes to HotChocolate's text, for types whose keys overlap.
    /// </summary>
    [Fact]
    public void KeptIdsAreReusedAndIdsPastTheBoundStillEncodeExactly()
    {
        Assert.Same(GlobalId.Encode("Slot", 7), GlobalId.Encode("Slot", 7));
        for (var id = 1; id <= GlobalId.EncodedCapacity + 100; id++)
        {
            foreach (var typeName in new[] { "Session", "Presenter" })
            {
                Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{id}")), GlobalId.Encode(typeName, id));
            }
        }
    }

    private static string Id(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
