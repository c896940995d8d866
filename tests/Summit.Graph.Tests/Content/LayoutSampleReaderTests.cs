using Snapshooter;
using Snapshooter.Xunit;

namespace Summit.Graph.Tests.Content;

public sealed class LayoutSampleReaderTests
{
    [Theory]
    [MemberData(nameof(TestPages.LayoutSamples), MemberType = typeof(TestPages))]
    public void ReadsTheWholeSampleAsItsLayout(string name)
    {
        var result = TestPages.Read(name);

        Assert.Equal(name, result.Layout);
        Snapshot.Match(result, SnapshotNameExtension.Create(name));
    }
}
