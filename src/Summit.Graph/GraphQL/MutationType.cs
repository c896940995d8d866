using System.Reflection;
using GraphQL.Types;
using Summit.Graph.GraphQL.Common.Mutations;

namespace Summit.Graph.GraphQL;

/// <summary>Editing the programme. Every mutation needs an editor key and runs as one transaction.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Edits the programme. Needs `Authorization: Bearer <editor key>`; each mutation applies whole or not at all.";
    }

    /// <summary>
    /// Adds every feature's mutations, found by scanning for static classes with a <c>Register(MutationBuilder)</c>
    /// method (<c>SessionMutations</c>, ...); their input, payload and error types go to <paramref name="registerType"/>.
    /// </summary>
    public void AddMutations(Action<IGraphType> registerType)
    {
        var builder = new MutationBuilder(this, registerType);
        var features = typeof(MutationType).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .Select(type => type.GetMethod("Register", BindingFlags.Public | BindingFlags.Static, [typeof(MutationBuilder)]))
            .OfType<MethodInfo>()
            .OrderBy(register => register.DeclaringType!.Name, StringComparer.Ordinal);
        foreach (var register in features)
        {
            register.Invoke(null, [builder]);
        }
    }
}
