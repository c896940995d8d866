using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Content.Reading;
using Summit.Graph.Hosting;
using Summit.Graph.IntegrationTests.Editing;
using Summit.Graph.IntegrationTests.Importing;
using Summit.Graph.IntegrationTests.Infrastructure;

namespace Summit.Graph.IntegrationTests.Editions;

/// <summary>One person spelt a letter or two differently in the next edition: reported on import, listed for editors, merged.</summary>
public sealed class LikelyDuplicateTests : IAsyncLifetime
{
    private readonly EditingServer editing = new();

    public Task InitializeAsync() => editing.InitializeAsync();

    public Task DisposeAsync() => editing.DisposeAsync();

    [Theory]
    [InlineData("Marta Kowalczyk, Example Foundation", "Marta Kowalczk, Example Foundation", "names 1 letter apart ('Marta Kowalczyk', 'Marta Kowalczk') and the company 'Example Foundation'")]
    [InlineData("Marta Kowalczyk, Example Foundation", "Marta Kowalcyzk, example foundation", "names 2 letters apart ('Marta Kowalczyk', 'Marta Kowalcyzk') and the company 'example foundation'")]
    [InlineData("Aiko Tanaka, Example Cloud", "Aiko Tanka, Example Cloud", "names 1 letter apart ('Aiko Tanaka', 'Aiko Tanka') and the company 'Example Cloud'")]
    public async Task MisspeltNameWithTheSameCompanyIsReportedListedAndMergeable(string written, string misspelt, string reason)
    {
        await ImportAsync(RepositoryFiles.LayoutSample("bold-italic-times"));
        var nextYear = NextYear().ReplaceOnce(written, misspelt);

        var summary = await ImportAsync(nextYear);
        var listed = (await editing.Editor.QueryAsync("{ likelyDuplicatePresenters { presenter { id version } other { id version } reason } }"))["likelyDuplicatePresenters"]!.AsArray();
        var pair = Assert.Single(listed)!;
        await editing.Editor.SucceedAsync("mergePresenters", new
        {
            sourceId = pair["other"]!["id"]!.GetValue<string>(), sourceVersion = pair["other"]!["version"]!.GetValue<int>(),
            targetId = pair["presenter"]!["id"]!.GetValue<string>(), targetVersion = pair["presenter"]!["version"]!.GetValue<int>(),
        });
        var after = (await editing.Editor.QueryAsync("{ likelyDuplicatePresenters { reason } }"))["likelyDuplicatePresenters"]!.AsArray();

        Assert.Contains(reason, Assert.Single(summary.LikelyDuplicates), StringComparison.Ordinal);
        Assert.Equal(reason, pair["reason"]!.GetValue<string>());
        Assert.Empty(after);
    }

    [Theory]
    [InlineData("Marta Kowalczyk, Example Foundation", "Marta Kowalczk, Other Foundation")]
    [InlineData("Aiko Tanaka, Example Cloud", "Aiko Tamura, Other Cloud")]
    [InlineData("Li Wei, Jonas Eriksson & Sara Holm, Contoso Systems", "Li Wu, Jonas Eriksson & Sara Holm, Contoso Systems")]
    public async Task CloseNamesWithoutASharedCompanyOrHandleOrTooShortAreNotReported(string written, string other)
    {
        await ImportAsync(RepositoryFiles.LayoutSample("bold-italic-times"));

        var summary = await ImportAsync(NextYear().ReplaceOnce(written, other));

        Assert.Empty(summary.LikelyDuplicates);
        Assert.Empty((await editing.Editor.QueryAsync("{ likelyDuplicatePresenters { reason } }"))["likelyDuplicatePresenters"]!.AsArray());
    }

    [Fact]
    public async Task ListIsForEditorsAndPreviewersOnly()
    {
        var anonymous = await editing.Server.PostAsync("{ likelyDuplicatePresenters { reason } }");

        Assert.Equal("AUTH_NOT_AUTHORIZED", anonymous.FirstErrorCode);
    }

    private static string NextYear() => RepositoryFiles.LayoutSample("bold-italic-times")
        .ReplaceOnce("title: KubeVirt Summit 2029!", "title: KubeVirt Summit 2030")
        .ReplaceOnce("**May 21 and 22**, 2029", "**May 21 and 22**, 2030")
        .ReplaceOnce("### Monday, May 21", "### Tuesday, May 21")
        .ReplaceOnce("### Tuesday, May 22", "### Wednesday, May 22");

    private Task<Data.Import.ImportSummary> ImportAsync(string markdown) =>
        editing.Server.Services.ImportAsync(editing.Server.Services.GetRequiredService<PageReader>().Read(markdown).Event);
}
