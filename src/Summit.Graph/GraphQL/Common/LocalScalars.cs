using System.Globalization;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Summit.Graph.GraphQL.Common;

/// <summary>
/// A scalar whose values are strings of one exact ISO 8601 form: parsed from literals and variables, anything else
/// refused with a message that shows the form.
/// </summary>
public abstract class IsoTextGraphType<TValue> : ScalarGraphType
    where TValue : struct
{
    private readonly Regex pattern;
    private readonly string example;

    protected IsoTextGraphType(string name, string description, string specifiedByUrl, Regex pattern, string example)
    {
        Name = name;
        Description = description;
        this.pattern = pattern;
        this.example = example;
        this.SpecifiedBy(specifiedByUrl);
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        TValue typed => typed,
        string text => Parse(text),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        TValue typed => Format(typed),
        _ => ThrowSerializationError(value),
    };

    /// <summary>The value of <paramref name="text"/>, which already has the scalar's form; null when it names none (2021-02-30).</summary>
    protected abstract TValue? TryParse(string text);

    protected abstract string Format(TValue value);

    private TValue Parse(string text) =>
        (pattern.IsMatch(text) ? TryParse(text) : null)
        ?? throw new FormatException($"'{QueryArgumentException.Quote(text)}' is not a {Name}; write it like {example}.");
}

/// <summary>
/// <c>LocalDate</c>: a date without a time zone, <c>2021-02-09</c> (RFC 3339 <c>full-date</c>), as HotChocolate 15+ binds
/// <see cref="DateOnly"/>. Input must have exactly that form; anything else is a coded argument error.
/// </summary>
/// <seealso href="https://scalars.graphql.org/andimarek/local-date.html"/>
public sealed partial class LocalDateGraphType() : IsoTextGraphType<DateOnly>(
    "LocalDate", "A date without a time zone in ISO 8601 (`2021-02-09`).", SpecifiedByUrl, DatePattern(), "2021-02-09")
{
    public const string SpecifiedByUrl = "https://scalars.graphql.org/andimarek/local-date.html";

    protected override DateOnly? TryParse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    protected override string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}

/// <summary>
/// <c>LocalTime</c>: a time of day without a date or time zone, <c>14:00:00</c> (fractions of a second only when
/// present, up to 7 digits), as HotChocolate 15+ binds <see cref="TimeOnly"/>.
/// </summary>
/// <seealso href="https://scalars.graphql.org/chillicream/local-time.html"/>
public sealed partial class LocalTimeGraphType() : IsoTextGraphType<TimeOnly>(
    "LocalTime", "A time of day without a date or time zone, 24-hour ISO 8601 (`14:00:00`).", SpecifiedByUrl, TimePattern(), "14:00:00")
{
    public const string SpecifiedByUrl = "https://scalars.graphql.org/chillicream/local-time.html";

    protected override TimeOnly? TryParse(string text) =>
        TimeOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    protected override string Format(TimeOnly value) => value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}

/// <summary>
/// <c>@specifiedBy(url:)</c> (GraphQL spec, September 2025 §3.13): links a custom scalar to the document that defines
/// its format. GraphQL.NET 8 has no built-in support, so the directive is declared here and introspection answers
/// <c>__Type.specifiedByURL</c> from it (<see cref="HotChocolateIntrospection"/>).
/// </summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";
    public const string UrlArgument = "url";

    /// <summary>The directive's definition, as graphql-js and HotChocolate declare it.</summary>
    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "The `@specifiedBy` directive is used within the type system definition language to provide a URL for specifying the behavior of custom scalar definitions.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = UrlArgument,
            Description = "The specifiedBy URL points to a human-readable specification. This field will only read a result for scalar types.",
        });
    }

    /// <summary>Listed by introspection, as graphql-js and HotChocolate list it.</summary>
    public override bool? Introspectable => true;

    /// <summary>The URL <paramref name="type"/> is specified by, or null (every non-scalar type, and scalars without one).</summary>
    public static string? UrlOf(IGraphType type) =>
        type is ScalarGraphType scalar ? scalar.FindAppliedDirective(DirectiveName)?.FindArgument(UrlArgument)?.Value as string : null;
}

/// <summary>Declares which specification a custom scalar follows.</summary>
public static class ScalarSpecifications
{
    /// <summary>Applies <c>@specifiedBy(url:)</c> to <paramref name="scalar"/>.</summary>
    public static void SpecifiedBy(this ScalarGraphType scalar, string url) =>
        scalar.ApplyDirective(SpecifiedByDirective.DirectiveName, SpecifiedByDirective.UrlArgument, url);
}
