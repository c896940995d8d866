using Summit.Graph.Hosting;

namespace Summit.Graph.IntegrationTests.Importing;

/// <summary>The bundled 2021 page with edits applied as an editor would type them, each checked to apply once.</summary>
internal static class EditedPage
{
    public static string Bundled => BundledContent.Summit2021();

    /// <summary>
    /// One session retitled (<c>hotplug</c>), one presenter's company changed (Karel Simon), the slides link
    /// of <c>tekton</c> removed, a reference added to <c>harvester</c>, and <c>road-v1</c> and <c>vfx</c>
    /// moved into each other's slot on 10 February.
    /// </summary>
    public static string WithFiveEdits() => Bundled
        .ReplaceOnce("### Introducing Volume Hotplug in KubeVirt", "### Volume Hotplug in KubeVirt, revisited")
        .ReplaceOnce("Presenter: Karel Simon, Software Engineer, Red Hat", "Presenter: Karel Simon, Software Engineer, IBM")
        .ReplaceOnce("[Recording](https://youtu.be/ZA4fN_ogpY0) / [Slides](https://drive.google.com/file/d/1baGeO-iPsI2HPzS8pq1b4My3hRQDSfw5/view?usp=sharing)",
            "[Recording](https://youtu.be/ZA4fN_ogpY0)")
        .ReplaceOnce("Presenter: Sheng Yang: Senior Engineering Manager, SUSE, [@yasker](https://twitter.com/yasker), <https://github.com/yasker>",
            "Presenter: Sheng Yang: Senior Engineering Manager, SUSE, [@yasker](https://twitter.com/yasker), <https://github.com/yasker>\n\n"
            + "References:\n- [Harvester](https://github.com/harvester/harvester) on GitHub.")
        .ReplaceOnce("|        | 17:30 | [The Road to Version 1](#road-v1)", "|        | 18:00 | [The Road to Version 1](#road-v1)")
        .ReplaceOnce("|        | 18:00 | [Moving a Visual Effects Studio", "|        | 17:30 | [Moving a Visual Effects Studio");

    /// <summary><c>office-hours</c> moved from 18:30 to 19:00 on 10 February, a time no session had.</summary>
    public static string WithOfficeHoursAtSeven() => Bundled
        .ReplaceOnce("|        | 18:30 | [Office Hours:", "|        | 19:00 | [Office Hours:");

    /// <summary><c>capabilities</c> taken off the programme: its table row and its section removed.</summary>
    public static string WithoutCapabilities()
    {
        var page = Bundled.ReplaceOnce(
            "|        | 15:30 | [Privilege dropping, one capability at a time](#capabilities)                             |\n", "");
        var start = page.IndexOf("<a name=\"capabilities\"></a>", StringComparison.Ordinal);
        var end = page.IndexOf("<a name=\"molecule\"></a>", StringComparison.Ordinal);
        return string.Concat(page.AsSpan(0, start), page.AsSpan(end));
    }

    public static string ReplaceOnce(this string text, string oldValue, string newValue)
    {
        var first = text.IndexOf(oldValue, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldValue, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{oldValue}' does not occur exactly once in the page.");
        }

        return string.Concat(text.AsSpan(0, first), newValue, text.AsSpan(first + oldValue.Length));
    }
}
