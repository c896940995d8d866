using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Model;

namespace Summit.Graph.Tests.Content;

/// <summary>Comparisons for round trips; also compiled into the integration tests.</summary>
public static partial class ContentComparison
{
    /// <summary>The content as JSON without the page line numbers, which only locate diagnostics.</summary>
    public static string WithoutLineNumbers(EventContent content)
    {
        var json = JsonSerializer.SerializeToNode(content)!;
        RemoveLines(json);
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Lines trimmed, runs of spaces made one, blank lines dropped: Markdown tables padded differently render the same.</summary>
    public static string NormalisedWhitespace(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n')
            .Select(line => Spaces().Replace(line.Trim(), " "))
            .Where(line => line.Length > 0));
    }

    private static void RemoveLines(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("Line");
                foreach (var (_, value) in obj)
                {
                    RemoveLines(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveLines(item);
                }

                break;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
