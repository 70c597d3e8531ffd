using Erofs.Fuse.Abi;

namespace Erofs.Fuse;

/// <summary>Who asked: the calling process's ids, as the kernel put them in the request header.</summary>
/// <param name="Opcode">The request's operation.</param>
/// <param name="Unique">The request's unique id.</param>
/// <param name="Uid">Effective user id of the caller.</param>
/// <param name="Gid">Effective group id of the caller.</param>
/// <param name="Pid">Process id of the caller (0 for requests the kernel makes on its own, such as readahead).</param>
public readonly record struct FuseContext(FuseOpcode Opcode, ulong Unique, uint Uid, uint Gid, uint Pid)
{
    private readonly FuseDeferredReply? _deferrable;

    internal FuseContext(FuseOpcode opcode, ulong unique, uint uid, uint gid, uint pid, FuseDeferredReply? deferrable)
        : this(opcode, unique, uid, gid, pid) => _deferrable = deferrable;

    /// <summary>The reply the handler may take over, or null when this request must be answered at once.</summary>
    internal FuseDeferredReply? Deferrable => _deferrable;

    /// <summary>
    /// Takes over the answer to this request, to send it later from any thread: the handler then
    /// returns <see cref="Errno.Deferred"/> and the worker goes on serving other requests. Only while
    /// the handler runs, and once. So far only OPEN of a regular file can be deferred, as a <see cref="FuseOpenReply"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// var reply = context.Defer&lt;FuseOpenReply&gt;();
    /// ThreadPool.QueueUserWorkItem(_ => reply.Reply(new FuseOpenResult(handle, FuseOpenFlags.KeepCache)));
    /// return Errno.Deferred;
    /// </code>
    /// </example>
    /// <exception cref="InvalidOperationException">
    /// This request cannot be answered later as <typeparamref name="TReply"/>, was already deferred, or its handler has returned.
    /// </exception>
    public TReply Defer<TReply>()
        where TReply : FuseDeferredReply
    {
        if (_deferrable is not TReply reply)
            throw new InvalidOperationException($"{Opcode} {Unique} cannot be answered later as {typeof(TReply).Name}");
        reply.TakeOver();
        return reply;
    }
}
