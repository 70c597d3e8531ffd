using System.Runtime.CompilerServices;
using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>
/// The successful answer to OPEN and OPENDIR, shared by the worker's immediate replies and deferred
/// ones so that both obey the same rules.
/// </summary>
internal static class OpenAnswer
{
    /// <summary>Bytes of the answer: header and <c>fuse_open_out</c>.</summary>
    public static readonly int Length = ReplyWriter.HeaderSize + Unsafe.SizeOf<OpenOut>();

    /// <summary>
    /// Writes <paramref name="result"/>, or EIO (logged) when it asks for passthrough that the
    /// connection does not have; <paramref name="accepted"/> says which.
    /// </summary>
    public static int Write(Span<byte> reply, ulong unique, ulong node, in FuseOpenResult result, bool passthrough, Action<string>? log, out bool accepted)
    {
        accepted = (result.Flags & FuseOpenFlags.Passthrough) == 0 || passthrough;
        if (!accepted)
        {
            log?.Invoke($"open of node {node} asked for passthrough, which this connection does not have");
            return ReplyWriter.Error(reply, unique, Errno.EIO);
        }
        var answer = new OpenOut { Fh = result.Handle, OpenFlags = (uint)result.Flags, BackingId = result.BackingId };
        return ReplyWriter.Struct(reply, unique, answer);
    }
}
