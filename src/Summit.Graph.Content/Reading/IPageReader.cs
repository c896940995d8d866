using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>Reads summit pages written in one layout. Each edition of the page has used its own layout.</summary>
public interface IPageReader
{
    /// <summary>A short name for the layout, used in reports (for example "2021").</summary>
    string Layout { get; }

    /// <summary>True when the page has the structure this reader relies on; cheap, and never throws.</summary>
    bool CanRead(PageText page);

    /// <summary>Reads the page; structural gaps the event cannot do without throw <see cref="PageFormatException"/>.</summary>
    PageReadResult Read(PageText page);
}
