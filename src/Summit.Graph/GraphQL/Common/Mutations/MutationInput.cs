using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Summit.Graph.Content.Markdown;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>
/// A mutation's <c>input</c> argument. Tells an omitted field (leave unchanged) from an explicit null
/// (clear it), decodes global IDs, and collects every rule broken, so the editor gets all of them at once.
/// </summary>
/// <param name="values">The input object as GraphQL.NET parsed it.</param>
/// <param name="report">Where problems go instead of this input's own list: the enclosing input, for list items.</param>
public partial class MutationInput(IDictionary<string, object?> values, Action<string, string>? report = null)
{
    public const int MaxTitleLength = 200;
    public const int MaxMarkdownLength = 20_000;
    public const int MaxSlugLength = 100;

    /// <summary>The earliest instant a mutation stores: a day after <see cref="DateTime.MinValue"/>, so the zone furthest behind UTC (−12 h) can still show it.</summary>
    public static readonly DateTime FirstKeptInstant = new(1, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The latest instant a mutation stores: a day before <see cref="DateTime.MaxValue"/>, so the zone furthest ahead of UTC (+14 h) can still show it.</summary>
    public static readonly DateTime LastKeptInstant = new(9999, 12, 30, 23, 59, 59, DateTimeKind.Utc);
    private readonly List<ValidationError> problems = [];

    protected bool Has(string field) => values.ContainsKey(field);

    /// <summary>The input as sent, by GraphQL field name.</summary>
    protected IDictionary<string, object?> Given => values;

    protected T? Read<T>(string field) => values.TryGetValue(field, out var value) && value is not null ? (T)Convert(value, typeof(T)) : default;

    /// <summary>The object an ID field names; a validation problem when it is not an ID of that type.</summary>
    protected int Id(string field, string typeName)
    {
        var text = Read<string>(field);
        if (GlobalId.TryDecode(text, out var type, out var id) && type == typeName)
        {
            return id;
        }

        Problem(field, $"'{text}' is not the ID of a {typeName}.");
        return 0;
    }

    protected int? OptionalId(string field, string typeName) => Read<string>(field) is null ? null : Id(field, typeName);

    /// <summary>
    /// Required single-line text: trimmed, 1 to <paramref name="maxLength"/> characters, no control characters
    /// or line separators (checked before trimming, so a trailing line break is refused, not dropped).
    /// </summary>
    protected string Text(string field, int maxLength = MaxTitleLength)
    {
        var text = OptionalText(field, maxLength);
        if (text is null)
        {
            Problem(field, "Must not be empty.");
        }

        return text ?? "";
    }

    /// <summary>Optional single-line text, as <see cref="Text"/>: null when empty.</summary>
    protected string? OptionalText(string field, int maxLength = MaxTitleLength)
    {
        var given = Read<string>(field);
        if (given is null || !SingleLine(field, given))
        {
            return given?.Trim();
        }

        var text = given.Trim();
        if (!HasVisibleCharacter(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            Problem(field, $"Must be at most {maxLength} characters; it has {text.Length}.");
        }

        return text;
    }

    /// <summary>
    /// Markdown is stored exactly as written; its size, its nesting (<see cref="MarkdownRenderer.MaxNesting"/>)
    /// and control characters other than tabs and line breaks are limited.
    /// </summary>
    protected string Markdown(string field)
    {
        var text = Read<string>(field) ?? "";
        if (text.Length > MaxMarkdownLength)
        {
            Problem(field, $"Must be at most {MaxMarkdownLength} characters of Markdown; it has {text.Length}.");
        }
        else if (FirstControlCharacter(text, allowLineBreaks: true) is { } control)
        {
            Problem(field, $"Must not contain control characters other than tabs and line breaks; it has U+{(int)control:X4}.");
        }
        else if (MarkdownRenderer.Refusal(text) is { } refusal)
        {
            Problem(field, refusal);
        }

        return text;
    }

    /// <summary>
    /// A slug: lower-case letters, digits and single dashes, at least one letter, at most <see cref="MaxSlugLength"/>
    /// characters. One made from a title is transliterated (see <see cref="Content.Reading.Slugs"/>), prefixed with
    /// <paramref name="kind"/> when it has no letter, and cut at a word boundary to fit, since titles may be longer than slugs.
    /// </summary>
    protected string Slug(string field, string? orFrom = null, string kind = "item")
    {
        var given = Read<string>(field);
        var slug = given ?? Fit(Content.Reading.Slugs.From(orFrom ?? "", kind));
        // The pattern alone refuses every control character; this names the one found, as every other field does.
        if (given is not null && !SingleLine(field, given))
        {
            return given;
        }

        // Digits alone would read as an id.
        if (slug.Length == 0 || slug.Length > MaxSlugLength || !SlugPattern().IsMatch(slug) || !slug.Any(char.IsAsciiLetter))
        {
            Problem(field, given is not null ? $"'{given}' is not a slug: use 1 to 100 lower-case letters, digits and single dashes, with a letter, like 'volume-hotplug'."
                : orFrom is null ? "Must not be null: everything keeps a slug; give one of lower-case letters, digits and dashes."
                : "No slug can be made from the title; give one of lower-case letters, digits and dashes.");
        }

        return slug;
    }

    /// <summary>An absolute http or https URL.</summary>
    protected string? Url(string field, bool required)
    {
        var given = Read<string>(field);
        if (given is not null && !SingleLine(field, given))
        {
            return given;
        }

        var text = given?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Problem(field, "Must not be empty.");
            }

            return null;
        }

        if (!IsHttpUrl(text))
        {
            Problem(field, $"'{Shorten(text)}' is not an absolute http or https URL.");
        }

        return text;
    }

    /// <summary>Whether <paramref name="text"/> is an absolute http or https URL of at most 2,000 characters.</summary>
    public static bool IsHttpUrl(string text) =>
        text is { Length: <= 2000 } && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public IReadOnlyList<ValidationError> Problems => problems;

    /// <summary>
    /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators are refused on every database
    /// alike: PostgreSQL cannot store NUL in text, and a line break in a single-line value splits the exported
    /// table row or the calendar line it is written into. Markdown keeps tabs and line breaks.
    /// </summary>
    private static char? FirstControlCharacter(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if ((char.IsControl(c) || c is '\u2028' or '\u2029') && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// False, with the problem recorded, when <paramref name="text"/> holds a control character or a bidirectional
    /// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which reorders the text around it wherever it
    /// is shown: a title could read differently in the programme than it was written. The marks U+200E and U+200F,
    /// which names in right-to-left scripts need, stay allowed.
    /// </summary>
    private bool SingleLine(string field, string text)
    {
        if (FirstControlCharacter(text, allowLineBreaks: false) is { } control)
        {
            Problem(field, $"Must be a single line without control characters; it has U+{(int)control:X4}.");
            return false;
        }

        if (text.FirstOrDefault(IsBidirectionalControl) is var bidi and not '\0')
        {
            Problem(field, $"Must not hold bidirectional control characters; it has U+{(int)bidi:X4}.");
            return false;
        }

        return true;
    }

    private static bool IsBidirectionalControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Whether <paramref name="text"/> shows anything: a text of only invisible formatting characters (zero-width
    /// spaces, joiners, soft hyphens, byte order marks) and combining marks counts as empty.
    /// </summary>
    private static bool HasVisibleCharacter(string text) => text.Any(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c)
        is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark));

    public void Problem(string field, string message)
    {
        if (report is not null)
        {
            report(field, message);
            return;
        }

        problems.Add(new ValidationError(message, ["input", .. field.Split('.')]));
    }

    /// <summary>Throws every collected problem as one <see cref="ContentException"/>.</summary>
    public void ThrowIfInvalid()
    {
        foreach (var (field, value) in values)
        {
            if (value is DateTime time && (time < FirstKeptInstant || time > LastKeptInstant))
            {
                Problem(field, $"Must lie between {FirstKeptInstant:yyyy-MM-dd} and {LastKeptInstant:yyyy-MM-dd} in UTC, so that every time zone can show it.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ContentException(problems);
        }
    }

    private static string Fit(string slug)
    {
        if (slug.Length <= MaxSlugLength)
        {
            return slug;
        }

        var cut = slug[..(MaxSlugLength + 1)].LastIndexOf('-');
        return cut > 0 ? slug[..cut] : slug[..MaxSlugLength];
    }

    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsInstanceOfType(value) ? value : FilterTranslator.Coerce(value, target)!;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    // \z, not $: in .NET, $ also matches before a final line break, so "abc\n" would pass.
    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

/// <summary>
/// A mutation's input declared as the record <typeparamref name="TInput"/>: <see cref="Value"/> reads it typed, and the
/// rules take the member itself (<c>input.Text(i =&gt; i.Title)</c>), so a field's name is written nowhere but the record.
/// </summary>
public sealed class MutationInput<TInput>(IDictionary<string, object?> values, Action<string, string>? report = null) : MutationInput(values, report)
    where TInput : class
{
    private TInput? value;

    /// <summary>The input as the record (IDs as sent: decode them with <see cref="Id"/>).</summary>
    public TInput Value => value ??= (TInput)Bind(typeof(TInput), Given);

    /// <summary>Whether the member was given at all (null included): omitted members leave a field unchanged, null clears it.</summary>
    public bool Has<TValue>(Expression<Func<TInput, TValue>> member) => Has(Field(member));

    /// <summary>The object the <see cref="GlobalIdAttribute"/> member names; a validation problem when it names another type.</summary>
    public int Id(Expression<Func<TInput, string>> member) => Id(Field(member), IdType(member));

    /// <summary>As <see cref="Id"/>, null when the member is not given.</summary>
    public int? OptionalId(Expression<Func<TInput, string?>> member) => OptionalId(Field(member), IdType(member));

    /// <summary>Required single-line text, trimmed, 1 to <paramref name="maxLength"/> characters (see <see cref="MutationInput.Text(string, int)"/>).</summary>
    public string Text(Expression<Func<TInput, string?>> member, int maxLength = MaxTitleLength) => Text(Field(member), maxLength);

    /// <summary>Optional single-line text: null when empty.</summary>
    public string? OptionalText(Expression<Func<TInput, string?>> member, int maxLength = MaxTitleLength) => OptionalText(Field(member), maxLength);

    /// <summary>Markdown, stored as written, within the size and nesting limits.</summary>
    public string Markdown(Expression<Func<TInput, string?>> member) => Markdown(Field(member));

    /// <summary>
    /// A slug as given, or made from <paramref name="orFrom"/> (a title or name) when the member is not given; one
    /// without a letter is prefixed with <paramref name="kind"/> (<c>session</c>, <c>person</c>).
    /// </summary>
    public string Slug(Expression<Func<TInput, string?>> member, string? orFrom = null, string kind = "item") => Slug(Field(member), orFrom, kind);

    /// <summary>An absolute http or https URL; null when not given and not <paramref name="required"/>.</summary>
    public string? Url(Expression<Func<TInput, string?>> member, bool required) => Url(Field(member), required);

    /// <summary>Records a broken rule at the member's path (<c>input.member</c>).</summary>
    public void Problem<TValue>(Expression<Func<TInput, TValue>> member, string message) => Problem(Field(member), message);

    /// <summary>
    /// The items of a list of input records, each an input of its own whose problems are reported here, under
    /// <c>field.index.member</c>: every problem of every item reaches the editor at once.
    /// </summary>
    public IReadOnlyList<MutationInput<TItem>> Items<TItem>(Expression<Func<TInput, IReadOnlyList<TItem>>> member)
        where TItem : class
    {
        var field = Field(member);
        var given = Given.TryGetValue(field, out var list) && list is IEnumerable items ? items.Cast<object?>() : [];
        return [.. given.Select((item, index) => new MutationInput<TItem>(
            item as IDictionary<string, object?> ?? new Dictionary<string, object?>(),
            (path, message) => Problem($"{field}.{index}.{path}", message)))];
    }

    /// <summary>The GraphQL name of a member of the input.</summary>
    public string Field<TValue>(Expression<Func<TInput, TValue>> member) => InputTypes.FieldName(Member(member));

    private static string IdType<TValue>(Expression<Func<TInput, TValue>> member) =>
        InputTypes.GlobalIdOf(Member(member))?.TypeName ?? throw new InvalidOperationException($"{Member(member).Name} is not a [GlobalId].");

    private static MemberInfo Member<TValue>(Expression<Func<TInput, TValue>> member) =>
        (member.Body as MemberExpression)?.Member ?? throw new ArgumentException($"{member} is not a member of {typeof(TInput).Name}.", nameof(member));

    private static object Bind(Type record, IDictionary<string, object?> input)
    {
        var arguments = InputTypes.Members(record).Select(m =>
            input.TryGetValue(InputTypes.FieldName(m.Property), out var given) && given is not null ? BindValue(given, m.Parameter.ParameterType) : null);
        return Activator.CreateInstance(record, [.. arguments])!;
    }

    private static object BindValue(object given, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (given is IDictionary<string, object?> nested)
        {
            return Bind(target, nested);
        }

        if (target != typeof(string) && given is IEnumerable items && target.IsGenericType)
        {
            var itemType = target.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in items)
            {
                list.Add(item is null ? null : BindValue(item, itemType));
            }

            return list;
        }

        return target.IsInstanceOfType(given) ? given : FilterTranslator.Coerce(given, target)!;
    }
}
