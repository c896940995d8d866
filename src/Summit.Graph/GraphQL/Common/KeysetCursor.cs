using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// Keyset cursors: the sort-key values of a row (ending in its id) plus a fingerprint of the order they
/// belong to, base64url-encoded JSON. Unlike row offsets they stay valid when rows are inserted or deleted
/// before them, and a cursor from another order is refused instead of silently misplacing the page.
/// </summary>
public static class KeysetCursor
{
    public static string Fingerprint(IReadOnlyList<OrderKey> keys)
    {
        var description = string.Join(',', keys.Select(k => string.Join('.', k.Path.Select(m => m.Name)) + (k.Descending ? "-" : "+")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(description)), 0, 4).ToLowerInvariant();
    }

    public static string Encode(string fingerprint, IReadOnlyList<object?> values)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(values.Select(Serialize).Prepend(fingerprint).ToArray());
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static object?[] Decode(string cursor, string fingerprint, IReadOnlyList<OrderKey> keys, string argument)
    {
        string?[]? parts;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parts = JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(base64));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new QueryArgumentException($"The cursor given as '{argument}' is not a valid cursor.", "CURSOR_INVALID");
        }

        if (parts is null || parts.Length == 0 || parts[0] is null)
        {
            throw new QueryArgumentException($"The cursor given as '{argument}' is not a valid cursor.", "CURSOR_INVALID");
        }

        // The fingerprint is checked first: a cursor of another order usually has another number of keys too.
        if (parts[0] != fingerprint)
        {
            throw new QueryArgumentException(
                $"The cursor given as '{argument}' belongs to another order; request the page again with the same 'order'.",
                "CURSOR_INVALID");
        }

        if (parts.Length != keys.Count + 1)
        {
            throw new QueryArgumentException($"The cursor given as '{argument}' is not a valid cursor.", "CURSOR_INVALID");
        }

        var values = new object?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = Deserialize(parts[i + 1], keys[i].Key.ReturnType, argument);
        }

        return values;
    }

    public static object?[] ValuesOf(object row, IReadOnlyList<OrderKey> keys) =>
        [.. keys.Select(k => ExpressionTools.Evaluate(k.Path, row))];

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        DateTime dateTime => dateTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object? Deserialize(string? text, Type type, string argument)
    {
        if (text is null)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return target switch
            {
                _ when target == typeof(string) => text,
                _ when target == typeof(int) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                _ when target == typeof(DateTime) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ when target == typeof(DateOnly) => DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture),
                _ => throw new FormatException($"No cursor format for {target.Name}."),
            };
        }
        catch (FormatException)
        {
            throw new QueryArgumentException($"The cursor given as '{argument}' is not a valid cursor.", "CURSOR_INVALID");
        }
    }
}
