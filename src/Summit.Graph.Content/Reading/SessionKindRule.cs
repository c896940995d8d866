using Summit.Graph.Content.Model;

namespace Summit.Graph.Content.Reading;

/// <summary>
/// Infers a session's kind from its titles and the roles of its people, first rule that applies:
/// <list type="number">
/// <item>a title starting with "Welcome" → <see cref="SessionKind.Welcome"/>;</item>
/// <item>a title containing "Office Hours" → <see cref="SessionKind.OfficeHours"/> (even with panelists: the audience asks, nobody presents);</item>
/// <item>a title containing the word "Forum" → <see cref="SessionKind.Forum"/>;</item>
/// <item>a title containing "Workshop" or "Tutorial" → <see cref="SessionKind.Workshop"/>;</item>
/// <item>anyone listed as a panelist → <see cref="SessionKind.Panel"/>;</item>
/// <item>anyone listed as a session lead → <see cref="SessionKind.Discussion"/>: a lead facilitates a discussion rather than presenting;</item>
/// <item>otherwise → <see cref="SessionKind.Talk"/>.</item>
/// </list>
/// Abstracts are not read for this: words like "discuss" appear in ordinary talks too.
/// </summary>
public static class SessionKindRule
{
    public static SessionKind Infer(IEnumerable<string> titles, IEnumerable<PresenterRole> roles)
    {
        var titleList = titles.ToList();
        var roleList = roles.ToList();
        if (titleList.Any(title => title.TrimStart().StartsWith("Welcome", StringComparison.OrdinalIgnoreCase)))
        {
            return SessionKind.Welcome;
        }

        if (AnyTitleContains(titleList, "Office Hours"))
        {
            return SessionKind.OfficeHours;
        }

        if (titleList.Any(title => title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(word => word.StartsWith("Forum", StringComparison.OrdinalIgnoreCase))))
        {
            return SessionKind.Forum;
        }

        if (AnyTitleContains(titleList, "Workshop") || AnyTitleContains(titleList, "Tutorial"))
        {
            return SessionKind.Workshop;
        }

        if (roleList.Contains(PresenterRole.Panelist))
        {
            return SessionKind.Panel;
        }

        return roleList.Contains(PresenterRole.SessionLead) ? SessionKind.Discussion : SessionKind.Talk;
    }

    private static bool AnyTitleContains(List<string> titles, string words) =>
        titles.Any(title => title.Contains(words, StringComparison.OrdinalIgnoreCase));
}
