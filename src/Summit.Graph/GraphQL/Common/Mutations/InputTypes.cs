using System.Collections;
using System.ComponentModel;
using System.Reflection;
using GraphQL.Types;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>
/// Marks a mutation input member as the global ID of a <paramref name="typeName"/>: the field is an <c>ID</c>, and
/// <see cref="MutationInput{TInput}.Id"/> decodes it, a validation problem when it names another type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class GlobalIdAttribute(string typeName) : Attribute
{
    public string TypeName { get; } = typeName;
}

/// <summary>
/// What every change to an existing object carries: the version it was based on (optimistic concurrency). Input records
/// that implement it declare <c>int Version</c> without a description: the field takes this one.
/// </summary>
public interface IVersionedInput
{
    [Description("The version of the object the change is based on; a ConflictError when it is no longer current.")]
    int Version { get; }
}

/// <summary>
/// Builds GraphQL input types from C# records, the one declaration of a mutation's input: a field per constructor
/// parameter, in order, named in camelCase, described by its <see cref="DescriptionAttribute"/>, required when its C#
/// type is not nullable. <c>string</c>, <c>int</c>, <c>bool</c>, <c>DateTime</c>, enums, <see cref="GlobalIdAttribute"/>
/// IDs and lists of these or of other input records are supported; anything else fails at start-up.
/// </summary>
public static class InputTypes
{
    /// <summary>The input type of <paramref name="record"/> and of the records its lists hold, each once per <paramref name="registered"/>.</summary>
    public static IEnumerable<IGraphType> Create(Type record, string description, HashSet<Type> registered)
    {
        if (!registered.Add(record))
        {
            yield break;
        }

        var type = new InputObjectGraphType
        {
            Name = record.Name,
            Description = record.GetCustomAttribute<DescriptionAttribute>()?.Description ?? description,
        };
        var nested = new List<Type>();
        // Not shared: NullabilityInfoContext caches in a plain dictionary, and schemas are built on several threads at once.
        var context = new NullabilityInfoContext();
        foreach (var (parameter, property) in Members(record))
        {
            var nullability = context.Create(property);
            var graphType = GraphTypeOf(property, property.PropertyType, nullability, nested);
            type.AddField(new FieldType
            {
                Name = FieldName(property),
                Description = Declared<DescriptionAttribute>(property)?.Description
                    ?? throw new InvalidOperationException($"{record.Name}.{property.Name} has no [Description]."),
                ResolvedType = graphType,
            });
        }

        yield return type;
        foreach (var item in nested)
        {
            foreach (var itemType in Create(item, $"An item of a list in a mutation's input.", registered))
            {
                yield return itemType;
            }
        }
    }

    /// <summary>The record's members: its primary constructor's parameters with the properties they initialise.</summary>
    public static IEnumerable<(ParameterInfo Parameter, PropertyInfo Property)> Members(Type record) =>
        record.GetConstructors().Single().GetParameters()
            .Select(p => (p, record.GetProperty(p.Name!) ?? throw new InvalidOperationException($"{record.Name}({p.Name}) is not a record member.")));

    /// <summary>
    /// The <see cref="GlobalIdAttribute"/> of a member: on the member itself, or on the same-named member of an interface
    /// its type implements (shared shapes such as <c>ISessionEdit</c> declare it, and descriptions, once).
    /// </summary>
    public static GlobalIdAttribute? GlobalIdOf(MemberInfo member) => Declared<GlobalIdAttribute>(member);

    /// <summary>An attribute of a member, or of the same-named member of an interface its type implements.</summary>
    private static TAttribute? Declared<TAttribute>(MemberInfo member)
        where TAttribute : Attribute =>
        member.GetCustomAttribute<TAttribute>()
        ?? member.DeclaringType?.GetInterfaces().Select(i => i.GetProperty(member.Name)?.GetCustomAttribute<TAttribute>()).FirstOrDefault(a => a is not null);

    /// <summary>The GraphQL name of a member: camelCase.</summary>
    public static string FieldName(MemberInfo member) => FieldName(member.Name);

    /// <summary>The GraphQL name of the member named <paramref name="memberName"/> (give it with <c>nameof</c>).</summary>
    public static string FieldName(string memberName) => char.ToLowerInvariant(memberName[0]) + memberName[1..];

    private static IGraphType GraphTypeOf(PropertyInfo property, Type type, NullabilityInfo nullability, List<Type> nested)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || nullability.ReadState == NullabilityState.Nullable;
        IGraphType named;
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var item = type.GetGenericArguments().Single();
            named = new ListGraphType(GraphTypeOf(property, item, nullability.GenericTypeArguments.Single(), nested));
            if (item.IsClass && item != typeof(string))
            {
                nested.Add(item);
            }
        }
        else
        {
            var clr = underlying ?? type;
            named = new GraphQLTypeReference(GlobalIdOf(property) is not null ? "ID" : clr switch
            {
                _ when clr == typeof(string) => "String",
                _ when clr == typeof(int) => "Int",
                _ when clr == typeof(bool) => "Boolean",
                _ when clr == typeof(DateTime) => "DateTime",
                _ when clr.IsEnum => clr.Name,
                _ when clr.IsClass && clr.GetConstructors().Length == 1 => clr.Name,
                _ => throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: {clr.Name} is not an input type."),
            });
        }

        return nullable ? named : new NonNullGraphType(named);
    }
}
