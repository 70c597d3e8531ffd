using System.Collections.Concurrent;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>Publishing ahead (see <see cref="PublishAhead"/>): the first decision of a file made before its first open.</summary>
internal sealed partial class FileSharing
{
    // Files decided ahead and not opened since. When a reader does not open what was published for it,
    // this fills up and publishing ahead pauses, so speculative work stays bounded.
    private const int MaxUnopenedAhead = 4096;

    private readonly ConcurrentDictionary<ulong, byte> _decidedAhead = new();
    private PublishAhead? _ahead;

    /// <summary>
    /// From now on, the first open of a small file (given its directory) publishes the small files that
    /// follow it in <paramref name="siblings"/>' listing ahead, on one background thread.
    /// </summary>
    public void PublishAheadIn(IDirectorySiblings siblings) =>
        _ahead ??= new PublishAhead(siblings, WantsAhead, PrepareAhead, _log);

    /// <summary>True when publishing ahead has nothing in hand or waiting (for tests).</summary>
    public bool AheadIdle => _ahead?.Idle ?? true;

    // Each first open of a small file moves the window along: not decided yet, or decided ahead and not
    // opened since. Later opens (a warm walk) trigger nothing. Large files are hashed on threads of their
    // own and trigger nothing either: the pattern worth hiding is many small files opened one by one.
    private void TriggerAhead(InodeInfo inode, ulong directory)
    {
        if (_ahead is null || inode.Size == 0 || inode.Size >= LongHashBytes)
            return;
        if (!_decisions.TryGet(inode.Nid, out _))
            _ahead.Opened(directory, inode.Nid, caughtUp: true);
        else if (_decidedAhead.ContainsKey(inode.Nid))
            _ahead.Opened(directory, inode.Nid, caughtUp: false);
    }

    // A decision made ahead is counted as the file's own at its first open (counters speak of opened files).
    private ShareDecision DecideAtOpen(InodeInfo inode)
    {
        var decision = Decide(inode);
        if (_decidedAhead.TryRemove(inode.Nid, out _))
            Count(decision);
        return decision;
    }

    private bool WantsAhead(ulong nid) => !_decisions.TryGet(nid, out _) && _decidedAhead.Count < MaxUnopenedAhead;

    // On the ahead thread. Only files that would be hashed and published at their first open are worth it:
    // a verification record or an existing object makes that open cheap already, so neither is read here.
    // Otherwise the decision is the one the first open would make (hash before publishing; a mismatch is
    // private and recorded); an open that arrives meanwhile waits for it in the OnceCache instead of hashing again.
    private void PrepareAhead(InodeInfo inode)
    {
        if (!WantsAhead(inode.Nid) || Claim(inode, quiet: true) is not { } claim)
            return;
        if (!_policy.TrustFingerprints && _store.CheckVerified(_identity, inode.Nid, claim) != VerificationState.Unknown)
            return;
        var decision = _decisions.GetUnlessDeclined(inode.Nid, _ =>
        {
            if (PublishNew(inode, claim) is not { } published)
                return null; // the object exists: left to the file's own open (which verifies or trusts it)
            var made = _policy.TrustFingerprints
                ? (published.Matched ? ShareDecision.Shared(claim) : Mismatch(inode, claim))
                : Recorded(inode, claim, published);
            _decidedAhead[inode.Nid] = 0;
            return made;
        });
        // Leased now and left idle, as if opened and closed: the open takes it back with no store work.
        // Without a linger time an idle lease would end at once, so there is nothing to gain.
        if (decision?.Fingerprint is { } fingerprint && _policy.LeaseLinger > TimeSpan.Zero && _backing is { } backing)
        {
            _backings.Acquire(fingerprint, f => Lease(inode, f, backing));
            _backings.Release(fingerprint);
        }
    }
}
