using GraphQLParser;

namespace Summit.Graph.Limits;

/// <summary>
/// Counts a document's lexical tokens without parsing it: one linear pass of GraphQLParser's lexer, allocating
/// nothing per token, so a document over <see cref="OperationLimitOptions.MaxTokens"/> is refused in about a
/// microsecond per hundred bytes, before the parser builds a node for anything.
/// </summary>
public static class DocumentTokens
{
    /// <summary>
    /// The number of tokens in <paramref name="text"/> (comments excluded), or <paramref name="stopAfter"/> + 1 as
    /// soon as there are more than that; and the longest string literal's raw length in characters (quotes and
    /// escapes included).
    /// </summary>
    /// <exception cref="GraphQLParser.Exceptions.GraphQLSyntaxErrorException">The text holds a character or literal that is not GraphQL.</exception>
    public static (int Tokens, int LongestString) Measure(string text, int stopAfter)
    {
        ROM source = text;
        int count = 0, longest = 0;
        for (var token = Lexer.Lex(source); token.Kind != TokenKind.EOF; token = Lexer.Lex(source, token.End))
        {
            if (token.Kind == TokenKind.STRING)
            {
                longest = Math.Max(longest, token.End - token.Start);
            }

            if (token.Kind != TokenKind.COMMENT && ++count > stopAfter)
            {
                break;
            }
        }

        return (count, longest);
    }
}
