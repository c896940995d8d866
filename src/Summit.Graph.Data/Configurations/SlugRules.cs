namespace Summit.Graph.Data.Configurations;

internal static class SlugRules
{
    public const int MaxLength = 100;
}
