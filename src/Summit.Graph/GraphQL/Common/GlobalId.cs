using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Relay global IDs in HotChocolate's format: base64 of <c>TypeName:key</c>, so clients moving from a
/// HotChocolate server keep their ID handling.
/// </summary>
public static class GlobalId
{
    /// <summary>
    /// IDs kept once encoded, beyond the objects of the largest programmes (50 editions hold about 6,000); the
    /// table is emptied when it reaches this size, so any number of objects keeps it under a couple of megabytes.
    /// </summary>
    public const int EncodedCapacity = 16_384;

    private static readonly ConcurrentDictionary<(string TypeName, int Id), string> Encoded = new();
    private static int encodedCount;

    /// <summary>The ID of <paramref name="typeName"/>'s object <paramref name="id"/>: base64 of its UTF-8 <c>TypeName:id</c>.</summary>
    /// <remarks>
    /// Every object of every answer has an ID, and the same objects are answered again and again, so an ID is
    /// encoded once and kept (<see cref="EncodedCapacity"/>): answering it again allocates nothing.
    /// </remarks>
    public static string Encode(string typeName, int id)
    {
        if (Encoded.TryGetValue((typeName, id), out var kept))
        {
            return kept;
        }

        var encoded = EncodeText(typeName, id);
        if (Interlocked.Increment(ref encodedCount) > EncodedCapacity)
        {
            Encoded.Clear();
            Interlocked.Exchange(ref encodedCount, 1);
        }

        Encoded[(typeName, id)] = encoded;
        return encoded;
    }

    private static string EncodeText(string typeName, int id)
    {
        // Written on the stack, so that the result is the only allocation. Type names are the schema's, a few dozen
        // characters at most.
        Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(typeName.Length) + 12];
        var length = Encoding.UTF8.GetBytes(typeName, text);
        text[length++] = (byte)':';
        id.TryFormat(text[length..], out var digits, provider: CultureInfo.InvariantCulture);
        return Convert.ToBase64String(text[..(length + digits)]);
    }

    public static bool TryDecode(string? value, out string typeName, out int id)
    {
        typeName = "";
        id = 0;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    /// <summary>Decodes an ID that must name <paramref name="expectedType"/>; a clear GraphQL error otherwise.</summary>
    public static int Decode(string? value, string expectedType)
    {
        if (!TryDecode(value, out var typeName, out var id))
        {
            throw new QueryArgumentException($"'{QueryArgumentException.Quote(value ?? "")}' is not a valid ID.", "INVALID_ID");
        }

        if (!string.Equals(typeName, expectedType, StringComparison.Ordinal))
        {
            throw new QueryArgumentException($"The ID '{value}' is a {typeName} ID, not a {expectedType} ID.", "INVALID_ID");
        }

        return id;
    }
}
