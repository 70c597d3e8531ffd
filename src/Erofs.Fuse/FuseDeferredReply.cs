using System.Runtime.InteropServices;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Fuse;

/// <summary>
/// The answer to one request, taken over by its handler with <see cref="FuseContext.Defer{TReply}"/>
/// and sent later, from any thread, while the worker that read the request serves others. The first
/// completion is sent (as one write(2) of its own, on the descriptor the request came from); later
/// ones are ignored, return false and are logged as the bug they are. Completions never throw for a
/// connection that is gone: they return false. The kernel's caller waits until the reply is
/// completed (a waiting open(2) cannot even be killed); the session answers replies still pending
/// with EIO when it ends, so a file system must complete every reply it takes, on every path.
/// </summary>
public abstract class FuseDeferredReply
{
    private const int ENOENT = 2;
    private const int ENODEV = 19;

    // _state: who completed the reply.
    private const int Waiting = 0;
    private const int Answered = 1;
    private const int Withdrawn = 2;
    private const int Cancelled = 3;

    // _handover: whether the handler took the reply while it ran.
    private const int Offered = 0;
    private const int Taken = 1;
    private const int Closed = 2;

    private readonly IReplySink _sink;
    private readonly PendingReplies _pending;
    private int _state;
    private int _handover;

    private protected FuseDeferredReply(FuseOpcode opcode, ulong unique, IReplySink sink, PendingReplies pending, Action<string>? log)
    {
        Opcode = opcode;
        Unique = unique;
        _sink = sink;
        _pending = pending;
        Log = log;
    }

    /// <summary>The request's operation.</summary>
    public FuseOpcode Opcode { get; }

    /// <summary>The request's unique id, which the reply carries.</summary>
    public ulong Unique { get; }

    /// <summary>True once an answer was sent (or attempted): by a completion, the worker, or the session at its end.</summary>
    public bool IsCompleted => Volatile.Read(ref _state) != Waiting;

    /// <summary>The session's diagnostics, or null.</summary>
    private protected Action<string>? Log { get; }

    /// <summary>Answers the request with the error <paramref name="errno"/> (positive, as <see cref="Errno"/>).</summary>
    /// <returns>True when the kernel took the answer; false when the request or the connection is gone, or the reply was already completed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="errno"/> is not between 1 and 511, the errors the kernel accepts.</exception>
    public bool Fail(int errno)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(errno);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errno, 511);
        Span<byte> reply = stackalloc byte[ReplyWriter.HeaderSize];
        return Complete(reply[..ReplyWriter.Error(reply, Unique, errno)]);
    }

    /// <summary>Sends <paramref name="reply"/> unless the reply was already completed; true when the kernel took it.</summary>
    private protected bool Complete(ReadOnlySpan<byte> reply)
    {
        int previous = Interlocked.CompareExchange(ref _state, Answered, Waiting);
        if (previous == Waiting)
            return Send(reply);
        if (previous != Cancelled)
            Log?.Invoke($"{Opcode} {Unique} was completed again after it was answered; the second answer was dropped");
        return false;
    }

    /// <summary>The handler takes the reply over (<see cref="FuseContext.Defer{TReply}"/>).</summary>
    internal void TakeOver()
    {
        if (Interlocked.CompareExchange(ref _handover, Taken, Offered) != Offered)
            throw new InvalidOperationException($"{Opcode} {Unique} was already deferred, or its handler has returned");
        if (!_pending.TryAdd(this))
            Cancel(); // the session has ended: answer now, the handler's completion will be ignored
    }

    /// <summary>The handler returned: no more taking over. True when it took the reply.</summary>
    internal bool CloseHandover() => Interlocked.CompareExchange(ref _handover, Closed, Offered) == Taken;

    /// <summary>The worker answers in place of a reply taken over by mistake; false when the reply was already completed.</summary>
    internal bool TryWithdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) != Waiting)
            return false;
        _pending.Remove(this);
        return true;
    }

    /// <summary>The session ends: answers EIO unless already completed; true when this call answered.</summary>
    internal bool Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) != Waiting)
            return false;
        Span<byte> reply = stackalloc byte[ReplyWriter.HeaderSize];
        Send(reply[..ReplyWriter.Error(reply, Unique, Errno.EIO)]);
        return true;
    }

    private bool Send(ReadOnlySpan<byte> reply)
    {
        _pending.Remove(this);
        int errno = _sink.Write(reply);
        if (errno == 0)
            return true;
        // ENOENT: the kernel no longer waits for this request (aborted); ENODEV: the connection or our descriptor is gone.
        if (errno is not (ENOENT or ENODEV))
            Log?.Invoke($"deferred reply to {Opcode} {Unique}: write on /dev/fuse: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        return false;
    }
}
