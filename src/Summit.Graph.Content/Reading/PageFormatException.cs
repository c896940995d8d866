namespace Summit.Graph.Content.Reading;

/// <summary>The page lacks something no event can be built without, or is in a layout no reader knows.</summary>
public sealed class PageFormatException : Exception
{
    public PageFormatException()
    {
    }

    public PageFormatException(string message)
        : base(message)
    {
    }

    public PageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
