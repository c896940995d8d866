using GraphQL.Types;
using Summit.Graph.GraphQL.Common.Mutations;
using Summit.Graph.GraphQL.Days;
using Summit.Graph.GraphQL.Events;
using Summit.Graph.GraphQL.Links;
using Summit.Graph.GraphQL.Presenters;
using Summit.Graph.GraphQL.Sessions;
using Summit.Graph.GraphQL.Slots;

namespace Summit.Graph.GraphQL;

/// <summary>Editing the programme. Every mutation needs an editor key and runs as one transaction.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Edits the programme. Needs `Authorization: Bearer <editor key>`; each mutation applies whole or not at all.";
    }

    /// <summary>Adds every feature's mutations; their input, payload and error types go to <paramref name="registerType"/>.</summary>
    public void AddMutations(Action<IGraphType> registerType)
    {
        var builder = new MutationBuilder(this, registerType);
        EventMutations.Register(builder);
        DayMutations.Register(builder);
        SlotMutations.Register(builder);
        SessionMutations.Register(builder);
        PresenterMutations.Register(builder);
        LinkMutations.Register(builder);
    }
}
