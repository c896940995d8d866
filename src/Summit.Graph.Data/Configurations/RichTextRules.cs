using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data.Configurations;

internal static class RichTextRules
{
    /// <summary>Abstracts are a few paragraphs; the limit keeps one row from holding a novel.</summary>
    public const int MaxMarkdownLength = 20_000;

    public static void Configure(ComplexPropertyBuilder<RichText> richText)
    {
        richText.Property(r => r.Markdown).HasMaxLength(MaxMarkdownLength);
        richText.Property(r => r.PlainText).HasMaxLength(MaxMarkdownLength);
    }
}
