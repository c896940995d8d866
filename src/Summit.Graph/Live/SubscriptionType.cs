using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Summit.Graph.Auth;
using Summit.Graph.GraphQL.Common;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Sessions;

namespace Summit.Graph.Live;

/// <summary>Live updates over graphql-sse and graphql-transport-ws. Anonymous subscribers hear of published content only.</summary>
public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "Live updates for front ends and preview pages. Anonymous subscribers are told about published content only; editor and previewer keys also about drafts.";

        Field<NonNullGraphType<SessionChangedGraphType>>("onSessionChanged")
            .Description("Fires after every committed change to the session with this slug, in any edition (and after imports that changed its edition).")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The session's slug, for example `hotplug`.")
            .ResolveStream(context =>
            {
                var slug = context.GetArgument<string>("slug");
                var includeDrafts = context.User.CanReadDrafts();
                return Changes(context).Choose(change => change.Touches(slug, includeDrafts) ? new SessionChanged(slug, change) : null);
            });

        Field<NonNullGraphType<ProgrammeChangedGraphType>>("onProgrammeChanged")
            .Description("Fires after every committed change to an edition's programme: sessions, slots, days, people, links, imports.")
            .Argument<StringGraphType>("event", "The edition's slug; every edition when omitted.")
            .ResolveStream(context =>
            {
                var eventSlug = context.GetArgument<string?>("event");
                var includeDrafts = context.User.CanReadDrafts();
                return Changes(context).Choose(change =>
                    (eventSlug is null || change.EventSlug == eventSlug) && (includeDrafts || change.Public)
                        ? new ProgrammeChanged(change, [.. change.Sessions.Where(s => includeDrafts || s.Public).Select(s => s.Slug).Distinct()])
                        : null);
            });
    }

    private static ContentChangeNotifier Changes(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ContentChangeNotifier>();
}

public sealed record SessionChanged(string Slug, ContentChange Change);

public sealed record ProgrammeChanged(ContentChange Change, IReadOnlyList<string> SessionSlugs);

public sealed class SessionChangedGraphType : ObjectGraphType<SessionChanged>
{
    internal const string ContentVersionDescription =
        "The content version after the change: the database's count of committed changes, the same on every instance, never repeated. Anonymous subscribers get the version of published content, which drafts never move.";

    public SessionChangedGraphType()
    {
        Name = "SessionChanged";
        Description = "A committed change to a session.";
        Field<NonNullGraphType<StringGraphType>>("slug").Description("The slug subscribed to.").Resolve(context => context.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("eventSlug").Description("The edition the change happened in.").Resolve(context => context.Source.Change.EventSlug);
        Field<NonNullGraphType<IntGraphType>>("contentVersion")
            .Description(ContentVersionDescription)
            .Resolve(context => (int)context.Source.Change.VersionFor(context.User.CanReadDrafts()));
        Field<SessionGraphType>("session")
            .Description("The session as it is now; null once it is deleted, or unpublished for anonymous subscribers.")
            .ResolveAsync(async context => await context.QueriesForSubscriber().SingleAsync(context, SessionModel.Instance, SessionModel.BySlug,
                context.Source.Slug, context.Source.Change.EventSlug));
    }
}

public sealed class ProgrammeChangedGraphType : ObjectGraphType<ProgrammeChanged>
{
    public ProgrammeChangedGraphType()
    {
        Name = "ProgrammeChanged";
        Description = "A committed change to an edition's programme.";
        Field<NonNullGraphType<StringGraphType>>("eventSlug").Description("The edition that changed.").Resolve(context => context.Source.Change.EventSlug);
        Field<NonNullGraphType<IntGraphType>>("contentVersion")
            .Description(SessionChangedGraphType.ContentVersionDescription)
            .Resolve(context => (int)context.Source.Change.VersionFor(context.User.CanReadDrafts()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("sessionSlugs")
            .Description("The sessions the change touched; empty when it touched other parts of the programme.")
            .Resolve(context => context.Source.SessionSlugs);
        Field<NonNullGraphType<BooleanGraphType>>("wholeProgramme")
            .Description("True after an import: any part of the edition may have changed.")
            .Resolve(context => context.Source.Change.WholeProgramme);
        Field<EventGraphType>("event")
            .Description("The edition as it is now.")
            .ResolveAsync(async context => await context.QueriesForSubscriber().SingleAsync(context, EventModel.Instance, EventModel.BySlug,
                context.Source.Change.EventSlug));
    }
}
