using GraphQL;
using GraphQL.Execution;

namespace Summit.Graph.Http;

/// <summary>
/// GraphQL.NET's error serialisation with every message cut to <see cref="MaxMessageLength"/> characters. Messages
/// quote the values they refuse (a variable, an argument, an unknown name), so a 1 MB value made twenty 1 MB errors:
/// a 20 MB answer to a 1 MB request. The cut keeps the start, which names what was refused and why.
/// </summary>
public sealed class BoundedErrorInfoProvider(ErrorInfoProviderOptions options) : ErrorInfoProvider(options)
{
    /// <summary>The longest message an error carries, in UTF-16 characters; longer ones end in "…".</summary>
    public const int MaxMessageLength = 500;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (info.Message.Length > MaxMessageLength)
        {
            info.Message = info.Message[..MaxMessageLength] + "…";
        }

        return info;
    }
}
