using Microsoft.EntityFrameworkCore;

namespace Summit.Graph.Data;

public static class SummitDbContextFactoryExtensions
{
    /// <summary>A context that shows drafts or not; the flag is always set, since pooled contexts are reused.</summary>
    public static SummitDbContext CreateDbContext(this IDbContextFactory<SummitDbContext> factory, bool includeDrafts)
    {
        var context = factory.CreateDbContext();
        context.IncludeDrafts = includeDrafts;
        return context;
    }
}
