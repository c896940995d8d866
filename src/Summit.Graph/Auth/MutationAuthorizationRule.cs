using GraphQL.Validation;
using GraphQLParser.AST;

using Summit.Graph.GraphQL.Common;

namespace Summit.Graph.Auth;

/// <summary>
/// Refuses a mutation before it runs unless an editor key sent it: nothing executes, so nothing changes.
/// Only the operation that would run (the one <c>operationName</c> picks, as <see cref="Limits.OperationLimitsRule"/>
/// sees it) is judged: a query sent beside a mutation in one document runs for anyone.
/// The endpoint turns these errors into 401 and 403 for clients that accept the GraphQL response media type.
/// </summary>
public sealed class MutationAuthorizationRule : ValidationRuleBase
{
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation != OperationType.Mutation || context.User.CanWrite())
        {
            return default;
        }

        if (context.User?.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.KeyUncheckedClaim) == true)
        {
            context.ReportError(new ValidationError(context.Document.Source, null, "The database is unavailable, so your key could not be checked; try again shortly.", operation)
            {
                Code = DatabaseErrors.UnavailableCode,
            });
            return default;
        }

        var authenticated = context.User?.Identity?.IsAuthenticated == true;
        var message = authenticated
            ? "Your key's role may read drafts but not change content; mutations need an editor key."
            : "Mutations need an editor key: send 'Authorization: Bearer <key>'.";
        context.ReportError(new ValidationError(context.Document.Source, null, message, operation)
        {
            Code = authenticated ? NotAuthorized : NotAuthenticated,
        });
        return default;
    }
}
