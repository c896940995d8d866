using Microsoft.EntityFrameworkCore;
using Summit.Graph.Data.Entities;

namespace Summit.Graph.Data;

public static class EventQueries
{
    /// <summary>An edition with everything its page shows: days and slots, sessions with their people and links, sponsors and links.</summary>
    public static IQueryable<Event> WithWholeProgramme(this IQueryable<Event> events) =>
        events
            .Include(e => e.Days).ThenInclude(d => d.Slots)
            .Include(e => e.Sessions).ThenInclude(s => s.Presenters).ThenInclude(sp => sp.Presenter)
            .Include(e => e.Sessions).ThenInclude(s => s.Links)
            .Include(e => e.Sponsors)
            .Include(e => e.Links)
            .AsSplitQuery();
}
