using BenchmarkDotNet.Attributes;
using Summit.Graph.Content.Markdown;

namespace Summit.Graph.Bench.Micro;

/// <summary>
/// Rendering an abstract (Markdig, then HtmlSanitizer). The server renders when content is saved and stores
/// the HTML, so reads never render: this is the cost a save, an import or a <c>renderMarkdown</c> preview pays.
/// </summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private const string Abstract = """
        KubeVirt's **live migration** moves a running VM between nodes. This talk shows how we
        [migrate VMs with SR-IOV interfaces](https://kubevirt.io/user-guide/) and what breaks:

        - the network attachment must exist on the target node;
        - the guest agent has to report its interfaces;
        - <script>alert('removed by the sanitiser')</script> and `inline code` stay readable.

        | step | time |
        | --- | --- |
        | pre-copy | 4 s |
        | switch-over | 80 ms |
        """;

    private readonly MarkdownRenderer renderer = new();

    [Benchmark]
    public RenderedMarkdown RenderAbstract() => renderer.Render(Abstract);
}
