namespace Summit.Graph.Data.Entities;

/// <summary>
/// Markdown as the editor wrote it, with its sanitised HTML and plain text rendered once when the
/// Markdown is saved, so reads never render and every server instance serves the same HTML.
/// </summary>
public sealed class RichText
{
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public string PlainText { get; set; } = "";
}
