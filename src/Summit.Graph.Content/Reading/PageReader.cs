using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// The importer's way in: finds the reader for a page's layout and reads the page with it.
/// Stateless and thread-safe; one instance can serve every import.
/// </summary>
public sealed class PageReader
{
    private readonly IReadOnlyList<IPageReader> readers;

    /// <summary>A reader for every layout this assembly knows.</summary>
    public PageReader()
        : this([
            new ProgrammeTableWithDetailsReader(),
            new DayTablesWithSpeakersReader(),
            new InlineDaySectionsReader(),
            new BoldItalicTimesReader(),
            new ScheduleOnlyReader(),
            new AnnouncedReader(),
        ])
    {
    }

    /// <summary>A reader for the given layouts, tried in order.</summary>
    public PageReader(IReadOnlyList<IPageReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        this.readers = readers;
    }

    public IEnumerable<string> Layouts => readers.Select(reader => reader.Layout);

    /// <exception cref="PageFormatException">No reader recognises the page, or the page lacks what an event needs.</exception>
    public PageReadResult Read(string markdown)
    {
        var page = PageText.Parse(markdown);
        var reader = readers.FirstOrDefault(candidate => candidate.CanRead(page))
            ?? throw new PageFormatException(
                $"The page is in no known layout (known: {string.Join(", ", Layouts)}). "
                + "The 2021 layout needs a '## Program' table linking to '#anchors' and '## Session details' with <a name=\"…\"></a> sections.");
        return reader.Read(page);
    }
}
