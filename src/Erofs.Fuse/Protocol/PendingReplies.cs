namespace Erofs.Fuse.Protocol;

/// <summary>
/// The deferred replies handlers took and have not completed yet. The session answers them when it
/// ends, because a caller waiting on one (an OPEN cannot even be killed) would otherwise keep the
/// mount, and so the session, alive.
/// </summary>
internal sealed class PendingReplies
{
    private readonly HashSet<FuseDeferredReply> _replies = [];
    private bool _ended;

    /// <summary>Replies taken and not yet completed.</summary>
    public int Count
    {
        get
        {
            lock (_replies)
                return _replies.Count;
        }
    }

    /// <summary>Tracks a reply just taken; false once the session has ended (the reply must then be answered at once).</summary>
    public bool TryAdd(FuseDeferredReply reply)
    {
        lock (_replies)
            return !_ended && _replies.Add(reply);
    }

    /// <summary>Forgets a completed reply.</summary>
    public void Remove(FuseDeferredReply reply)
    {
        lock (_replies)
            _replies.Remove(reply);
    }

    /// <summary>Answers every pending reply with EIO and refuses new ones; returns how many were answered.</summary>
    public int EndSession()
    {
        FuseDeferredReply[] pending;
        lock (_replies)
        {
            _ended = true;
            pending = [.. _replies];
        }
        return pending.Count(reply => reply.Cancel());
    }
}
