using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Summit.Graph.Auth;
using Summit.Graph.Data;
using Summit.Graph.Data.Entities;
using Summit.Graph.Data.Import;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.Limits;

namespace Summit.Graph.GraphQL.Presenters;

/// <summary>Two presenter records that are probably one person (see <see cref="PresenterDuplicates"/>).</summary>
public sealed class LikelyDuplicateGraphType : ObjectGraphType<LikelyDuplicate>
{
    public LikelyDuplicateGraphType()
    {
        Name = "LikelyDuplicate";
        Description = "Two records that are probably one person; if they are, merge them with `mergePresenters`.";
        Field<NonNullGraphType<PresenterGraphType>, Presenter>("presenter")
            .Description("The earlier record.")
            .Resolve(context => context.Source.Presenter);
        Field<NonNullGraphType<PresenterGraphType>, Presenter>("other")
            .Description("The later record, the one to merge into the earlier when they are one person.")
            .Resolve(context => context.Source.Other);
        Field<NonNullGraphType<StringGraphType>, string>("reason")
            .Description("What makes them look like one person, for example \"names 1 letter apart ('Marta Kowalczyk', 'Marta Kowalczk') and the company 'Example Foundation'\".")
            .Resolve(context => context.Source.Reason);
    }

    /// <summary>The <c>likelyDuplicatePresenters</c> query field: editors and previewers only.</summary>
    public static void AddQuery(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<LikelyDuplicateGraphType>>>, IReadOnlyList<LikelyDuplicate>>("likelyDuplicatePresenters")
            .Description("Presenter records that are probably one person: names a letter or two apart with a shared company, GitHub login "
                + "or Twitter handle, and records of the same name kept apart by an import (editors and previewers only).")
            .ResolveAsync(async context =>
            {
                if (!context.User.CanReadDrafts())
                {
                    throw new QueryArgumentException("Likely duplicates are visible to editor and previewer keys only.", MutationAuthorizationRule.NotAuthorized);
                }

                await using var db = context.RequestServices!.GetRequiredService<IDbContextFactory<SummitDbContext>>().CreateDbContext(includeDrafts: true);
                return PresenterDuplicates.Among(await db.Presenters.AsNoTracking().ToListAsync(context.CancellationToken));
            })
            .FieldType.WithAssumedSize(20);
    }
}
