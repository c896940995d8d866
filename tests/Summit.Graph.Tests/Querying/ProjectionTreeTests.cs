using System.Linq.Expressions;
using Summit.Graph.Data.Entities;
using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Tests.Querying;

/// <summary>
/// Projection trees name the compiled queries requests share (<see cref="CompiledQueries"/>): two selections that read the
/// same members must be equal whatever order they were written in, any difference in what they read must tell them
/// apart, and a tree shared across requests must stay as it was frozen.
/// </summary>
public sealed class ProjectionTreeTests
{
    private static ProjectionTree Tree(params Expression<Func<Session, object?>>[] members)
    {
        var tree = new ProjectionTree();
        foreach (var member in members)
        {
            tree.Add(Strip(member));
        }

        return tree;
    }

    // Lambdas typed to object box value members: the tree wants the member chain itself.
    private static LambdaExpression Strip(Expression<Func<Session, object?>> member) =>
        Expression.Lambda(member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body, member.Parameters);

    public static TheoryData<string, ProjectionTree, ProjectionTree> DifferentTrees => new()
    {
        { "a member more", Tree(s => s.Title), Tree(s => s.Title, s => s.Slug) },
        { "another member", Tree(s => s.Title), Tree(s => s.Slug) },
        { "a nested member more", Tree(s => s.Slot!.StartsAt), Tree(s => s.Slot!.StartsAt, s => s.Slot!.EndsAt) },
        { "the same name at another depth", Tree(s => s.Id), Tree(s => s.Slot!.Id) },
        { "a leaf against a navigation", Tree(s => s.Slot), Tree(s => s.Slot!.Id) },
    };

    [Fact]
    public void TreesReadingTheSameMembersAreEqualWhateverTheOrder()
    {
        var first = Tree(s => s.Title, s => s.Slot!.StartsAt, s => s.Abstract.Html, s => s.Slot!.Track);
        var second = Tree(s => s.Abstract.Html, s => s.Slot!.Track, s => s.Title, s => s.Slot!.StartsAt);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.GetHashCode(), second.Freeze().GetHashCode());
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(DifferentTrees))]
    public void TreesReadingDifferentMembersDiffer(string difference, ProjectionTree first, ProjectionTree second)
    {
        Assert.False(first.Equals(second), difference);
        Assert.False(second.Equals(first), difference);
        Assert.False(first.Freeze().Equals(second.Freeze()), difference);
    }

    [Fact]
    public void AFrozenTreeRefusesNewMembersAtEveryDepth()
    {
        var tree = Tree(s => s.Title, s => s.Slot!.StartsAt).Freeze();

        Assert.Throws<InvalidOperationException>(() => tree.Add(Strip(s => s.Slug)));
        var slot = tree.Children.Single(c => c.Key.Name == nameof(Session.Slot)).Value;
        Assert.Throws<InvalidOperationException>(() => slot.Add(Strip(s => s.Id)));
        Assert.Equal(Tree(s => s.Title, s => s.Slot!.StartsAt), tree);
    }
}
