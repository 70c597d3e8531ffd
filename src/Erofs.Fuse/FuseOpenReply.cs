using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Fuse;

/// <summary>
/// The deferred answer to OPEN of a regular file, taken in <see cref="IFuseFileSystem.Open"/> with
/// <c>context.Defer&lt;FuseOpenReply&gt;()</c>. Complete it exactly once, with <see cref="Reply"/> or
/// <see cref="FuseDeferredReply.Fail"/>.
/// </summary>
public sealed class FuseOpenReply : FuseDeferredReply
{
    private readonly bool _passthrough;

    internal FuseOpenReply(ulong unique, ulong node, bool passthrough, IReplySink sink, PendingReplies pending, Action<string>? log)
        : base(FuseOpcode.Open, unique, sink, pending, log)
    {
        Node = node;
        _passthrough = passthrough;
    }

    /// <summary>The node being opened.</summary>
    public ulong Node { get; }

    /// <summary>
    /// Answers the open with <paramref name="result"/>, under the rules of an immediate answer: a result
    /// asking for passthrough that the connection does not have is answered EIO instead.
    /// </summary>
    /// <returns>
    /// True when the kernel took the result, so a RELEASE of its handle will follow. False otherwise
    /// (passthrough refused, request or connection gone, reply already completed): then no RELEASE
    /// comes, and the file system undoes what it set up for the handle itself.
    /// </returns>
    public bool Reply(FuseOpenResult result)
    {
        Span<byte> reply = stackalloc byte[OpenAnswer.Length];
        int length = OpenAnswer.Write(reply, Unique, Node, result, _passthrough, Log, out bool accepted);
        return Complete(reply[..length]) && accepted;
    }
}
