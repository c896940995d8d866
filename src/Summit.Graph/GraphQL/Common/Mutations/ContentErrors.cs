using GraphQL.Types;

namespace Summit.Graph.GraphQL.Common.Mutations;

/// <summary>An expected failure of a mutation: returned in the payload's <c>errors</c>, never thrown to the client.</summary>
public abstract record ContentError(string Message);

/// <summary>An input value breaks a rule; <see cref="Path"/> names the input field (<c>input.title</c>).</summary>
public sealed record ValidationError(string Message, IReadOnlyList<string> Path) : ContentError(Message);

/// <summary>An ID names no object the key may change.</summary>
public sealed record NotFoundError(string Message, string Id) : ContentError(Message)
{
    /// <summary>The one wording: "No <paramref name="described"/> has the ID '…'.", the ID that of <paramref name="typeName"/> <paramref name="id"/>.</summary>
    public static NotFoundError For(string typeName, int id, string described)
    {
        var globalId = GlobalId.Encode(typeName, id);
        return new($"No {described} has the ID '{globalId}'.", globalId);
    }
}

/// <summary>
/// Someone saved the object after the editor loaded it (<see cref="YourVersion"/> and <see cref="CurrentVersion"/> tell
/// which versions), or concurrent changes kept the save from succeeding on every run (both versions 0).
/// </summary>
public sealed record ConflictError(string Message, string Id, int YourVersion, int CurrentVersion) : ContentError(Message)
{
    /// <summary>The one wording, whether the version check or the database's concurrency token caught it.</summary>
    public static ConflictError For(string typeName, int id, int yourVersion, int currentVersion) => new(
        $"The {typeName} is at version {currentVersion}, not {yourVersion}: someone saved it after you loaded it. Reload it and reapply your change.",
        GlobalId.Encode(typeName, id), yourVersion, currentVersion);
}

public sealed record DuplicateSlugError(string Message, string Slug) : ContentError(Message);

/// <summary>Carries expected failures from deep in a mutation to its payload; the transaction is rolled back.</summary>
public sealed class ContentException(IReadOnlyList<ContentError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public ContentException(ContentError error)
        : this([error])
    {
    }

    public IReadOnlyList<ContentError> Errors { get; } = errors;
}

/// <summary>HotChocolate's <c>interface Error { message: String! }</c>.</summary>
public sealed class ErrorInterfaceGraphType : InterfaceGraphType<ContentError>
{
    public ErrorInterfaceGraphType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation.";
        Field(e => e.Message).Description("What went wrong, for people.");
    }
}

public sealed class ValidationErrorGraphType : ObjectGraphType<ValidationError>
{
    public ValidationErrorGraphType()
    {
        Name = "ValidationError";
        Description = "An input value breaks a content rule.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = e => e is ValidationError;
        Field(e => e.Message).Description("What went wrong, for people.");
        Field(e => e.Path).Description("The input field at fault, as a path from the mutation's argument, for example [\"input\", \"title\"].");
    }
}

public sealed class NotFoundErrorGraphType : ObjectGraphType<NotFoundError>
{
    public NotFoundErrorGraphType()
    {
        Name = "NotFoundError";
        Description = "An ID names no object the key may change.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = e => e is NotFoundError;
        Field(e => e.Message).Description("What went wrong, for people.");
        Field(e => e.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The ID that was not found.");
    }
}

public sealed class ConflictErrorGraphType : ObjectGraphType<ConflictError>
{
    public ConflictErrorGraphType()
    {
        Name = "ConflictError";
        Description = "The object changed since the editor loaded it, or changes saved at the same moment kept this one from saving: reload it, reapply the change and save with the current version.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = e => e is ConflictError;
        Field(e => e.Message).Description("What went wrong, for people.");
        Field(e => e.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The object that changed, or that could not be saved.");
        Field(e => e.YourVersion).Description("The version the mutation was based on; 0 when no version was at fault.");
        Field(e => e.CurrentVersion).Description("The version now stored; 0 when no version was at fault.");
    }
}

public sealed class DuplicateSlugErrorGraphType : ObjectGraphType<DuplicateSlugError>
{
    public DuplicateSlugErrorGraphType()
    {
        Name = "DuplicateSlugError";
        Description = "Another object already uses the slug.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = e => e is DuplicateSlugError;
        Field(e => e.Message).Description("What went wrong, for people.");
        Field(e => e.Slug).Description("The slug in use.");
    }
}
