using System.Text.Json;
using GraphQL;

namespace Summit.Graph.Limits;

/// <summary>
/// Bounds a request's JSON in one forward pass of <see cref="Utf8JsonReader"/>, before anything builds a tree of
/// it: nesting depth (System.Text.Json's <see cref="MaxDepth"/>; <see cref="JsonDocument"/> grows faster than
/// linearly with depth, 80 ms for 10,000 levels) and the length of every array
/// (<see cref="OperationLimitOptions.MaxInputListLength"/>; a 15,000-item <c>or</c> cost 640 ms to coerce into
/// GraphQL input objects before validation could refuse it), and the length of every string value
/// (<see cref="OperationLimitOptions.MaxInputStringLength"/>) but the document's own. What passes is then parsed as usual, and the
/// argument values are bounded again, by count and terms, during validation (<see cref="InputBounds"/>).
/// </summary>
public static class JsonBounds
{
    /// <summary>The error for a document longer than <see cref="OperationLimitOptions.MaxDocumentLength"/>.</summary>
    public static ExecutionError DocumentTooLong(OperationLimitOptions limits) => new LimitError(LimitCodes.DocumentLength, FormattableString.Invariant(
        $"The document holds more than {limits.MaxDocumentLength:N0} characters; at most {limits.MaxDocumentLength:N0} are allowed (GraphQL:Limits:MaxDocumentLength)."));

    /// <summary>The deepest JSON any request may nest, System.Text.Json's default for the serialisers that read it later.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The first bound <paramref name="utf8Json"/> exceeds, as a coded error (<see cref="LimitCodes.InputDepth"/>,
    /// <see cref="LimitCodes.InputListLength"/>); <paramref name="notJson"/> is set instead for text that is not JSON.
    /// Null when the JSON is within its bounds.
    /// </summary>
    public static ExecutionError? Check(ReadOnlySpan<byte> utf8Json, OperationLimitOptions limits, out bool notJson)
    {
        notJson = false;
        // One level more than allowed, so that the container past the limit is read and refused here with its
        // own code, not thrown as an error the reader shares with text that is not JSON.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        // Items counted so far in each open array, by depth; -1 where the open container is an object.
        Span<int> counts = stackalloc int[MaxDepth + 2];
        var documentText = false;
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    // The document's text has a length limit of its own.
                    documentText = reader.ValueTextEquals("query"u8);
                    continue;
                }

                if (token is JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.Comment)
                {
                    continue;
                }

                // Escapes make the raw bytes longer than the text, never shorter: a value within the limit in bytes is within it in characters.
                var maxLength = documentText ? limits.MaxDocumentLength : limits.MaxInputStringLength;
                if (token == JsonTokenType.String && (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > maxLength
                    && reader.GetString()!.Length > maxLength)
                {
                    return documentText ? DocumentTooLong(limits) : new ExecutionError(FormattableString.Invariant(
                        $"A string in the request holds more than {limits.MaxInputStringLength:N0} characters; at most {limits.MaxInputStringLength:N0} are allowed (GraphQL:Limits:MaxInputStringLength).")) { Code = LimitCodes.InputStringLength };
                }

                documentText = false;

                if (depth > 0 && counts[depth - 1] >= 0 && ++counts[depth - 1] > limits.MaxInputListLength)
                {
                    return new ExecutionError(FormattableString.Invariant(
                        $"A list in the request holds more than {limits.MaxInputListLength:N0} items; at most {limits.MaxInputListLength:N0} are allowed (GraphQL:Limits:MaxInputListLength).")) { Code = LimitCodes.InputListLength };
                }

                if ((token is JsonTokenType.StartArray or JsonTokenType.StartObject) && depth >= MaxDepth)
                {
                    return new ExecutionError(FormattableString.Invariant($"The request nests JSON more than {MaxDepth} levels deep; at most {MaxDepth} are allowed.")) { Code = LimitCodes.InputDepth };
                }

                if (token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    counts[depth] = token == JsonTokenType.StartArray ? 0 : -1;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            notJson = true;
            return null;
        }
    }
}
