using Summit.Graph.Content.Model;

namespace Summit.Graph.Data.Entities;

/// <summary>A presenter's part in one session: their role and their place in the session's list.</summary>
public sealed class SessionPresenter
{
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int PresenterId { get; set; }
    public Presenter? Presenter { get; set; }
    public PresenterRole Role { get; set; }
    public int Position { get; set; }
    /// <summary>
    /// The person line the page wrote for this part (<see cref="SessionPersonContent.Credit"/>); empty when the page
    /// names the person only in the abstract, null when the part was made without a page.
    /// </summary>
    public string? Credit { get; set; }
}
