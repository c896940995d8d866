namespace Summit.Graph.IntegrationTests.Infrastructure;

public static class RepositoryFiles
{
    /// <summary>The repository root: the folder holding Summit.Graph.sln above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A made-up edition in one of the page's layouts, from the unit tests' pages (copies of <c>shared/layouts/</c>).</summary>
    public static string LayoutSample(string name) =>
        File.ReadAllText(PathOf(Path.Combine("tests", "Summit.Graph.Tests", "Content", "Pages", $"{name}.md")));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Summit.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Summit.Graph.sln not found above " + AppContext.BaseDirectory);
    }
}
