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

    /// <summary>
    /// The sort-key values a cursor holds, typed as <paramref name="keys"/> are. Every malformed cursor (not
    /// base64, not JSON, not an array of strings, values of the wrong type or out of range, null for a key that
    /// cannot be null, longer than any cursor this server writes) is a <c>CURSOR_INVALID</c> error naming
    /// <paramref name="argument"/>, never another error.
    /// </summary>
    public static object?[] Decode(string cursor, string fingerprint, IReadOnlyList<OrderKey> keys, string argument)
    {
        var parts = cursor.Length <= MaxLength ? Parts(cursor) : null;
        if (parts is null || parts.Length == 0 || parts[0] is null)
        {
            throw Invalid(argument);
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
            throw Invalid(argument);
        }

        var values = new object?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = parts[i + 1] is { } text
                ? Deserialize(text, keys[i].Key.ReturnType) ?? throw Invalid(argument)
                : keys[i].Nullable ? null : throw Invalid(argument);
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
        TimeOnly time => time.ToString("O", CultureInfo.InvariantCulture),
        Enum member => member.ToString(),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Longest cursor accepted: the longest sort value (a title) base64-encoded with the others, with room to spare.</summary>
    private const int MaxLength = 4_096;

    /// <summary>The JSON array of strings a cursor encodes; null when it is anything else.</summary>
    private static string?[]? Parts(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(base64));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static QueryArgumentException Invalid(string argument) =>
        new($"The cursor given as '{argument}' is not a valid cursor.", "CURSOR_INVALID");

    /// <summary>A value in the form <see cref="Serialize"/> writes it; null when the text is not one (out of range included).</summary>
    private static object? Deserialize(string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var culture = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.AllowLeadingSign, culture, out var number) ? number : null,
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, culture, out var real) && double.IsFinite(real) ? real : null,
            _ when target == typeof(DateTime) => DateTime.TryParseExact(text, "O", culture, DateTimeStyles.RoundtripKind, out var time) && time.Kind == DateTimeKind.Utc ? time : null,
            _ when target == typeof(DateOnly) => DateOnly.TryParseExact(text, "O", culture, DateTimeStyles.None, out var date) ? date : null,
            _ when target == typeof(TimeOnly) => TimeOnly.TryParseExact(text, "O", culture, DateTimeStyles.None, out var time) ? time : null,
            _ when target == typeof(bool) => bool.TryParse(text, out var flag) ? flag : null,
            _ when target.IsEnum => Enum.TryParse(target, text, ignoreCase: false, out var member) && Enum.IsDefined(target, member!) ? member : null,
            _ => null,
        };
    }
}
