using System.Security.Cryptography;
using Erofs.Reading;

using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// The sharing side of one mount: decides at a file's first open whether it is backed by an object of
/// the domain (see <see cref="ShareDecision"/>; fixed for the mount's life), verifies and publishes
/// objects, and keeps one lease and one passthrough backing id per object while any open file uses it.
/// </summary>
/// <remarks>
/// The image must be open over sources that bypass the page cache (<see cref="UncachedFileSource"/>), so
/// data read to hash or publish never stays cached beside the object.
/// </remarks>
internal sealed partial class FileSharing : IDisposable
{
    private readonly ObjectStore _store;
    private readonly ImageIdentity _identity;
    private readonly ErofsImage _image;
    private readonly SharingPolicy _policy;
    private readonly MountStatistics _statistics;
    private readonly Action<string>? _log;

    /// <summary>Files this large or larger are hashed at their first open on a thread of their own (see <see cref="FirstOpenHashesLong"/>).</summary>
    internal const long LongHashBytes = 1 << 20;

    private readonly OnceCache<ulong, ShareDecision> _decisions = new();
    private readonly Dictionary<ulong, int> _privateOpens = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, byte> _transientLogged = new();
    private readonly RefCountedTable<Fingerprint, SharedBacking> _backings;
    private IBackingFiles? _backing;

    public FileSharing(ObjectStore store, ImageIdentity identity, ErofsImage image, SharingPolicy policy, MountStatistics statistics, Action<string>? log)
    {
        _store = store;
        _identity = identity;
        _image = image;
        _policy = policy;
        _statistics = statistics;
        _log = log;
        _backings = new RefCountedTable<Fingerprint, SharedBacking>(policy.LeaseLinger, MaxIdleLeases(), b => b.BecameIdle());
        store.NameImage(identity, policy.ImageName);
    }

    /// <summary>True once backing files can be registered (passthrough negotiated).</summary>
    public bool Active => _backing is not null;

    /// <summary>The store it shares through.</summary>
    public ObjectStore Store => _store;

    /// <summary>The store's domain.</summary>
    public string Domain => _store.Domain;

    /// <summary>Objects that open files of this mount use right now.</summary>
    public int LeasedObjects => _backings.Count;

    /// <summary>Enables sharing through <paramref name="backing"/> (called once the session negotiated passthrough).</summary>
    public void Attach(IBackingFiles backing) => _backing = backing;

    /// <summary>
    /// Plans one open of a regular file: shared through its object (a reference taken, released by
    /// <see cref="Release"/>), or private. A store error (descriptors or disk space short, EIO, a bad store
    /// directory) makes this open private and is logged once per file; it is not a verdict: a later open
    /// tries again once no private open of the file is live (the kernel does not mix passthrough and
    /// cached opens of one inode). Only a content mismatch keeps a file private for the mount's life.
    /// </summary>
    /// <param name="inode">The file.</param>
    /// <param name="directory">The directory it was opened in, when known: the files that follow it there
    /// may be published ahead (see <see cref="PublishAhead"/>).</param>
    public SharedOpenPlan Open(InodeInfo inode, ulong? directory = null)
    {
        lock (_privateOpens)
        {
            if (_privateOpens.ContainsKey(inode.Nid))
                return TrackPrivate(inode.Nid);
        }
        if (directory is { } parent)
            TriggerAhead(inode, parent);
        try
        {
            if (DecideAtOpen(inode).Fingerprint is not { } fingerprint)
                return SharedOpenPlan.Private;
            return SharedOpenPlan.Shared(fingerprint, Acquire(inode, fingerprint));
        }
        catch (Exception e) when (e is IOException or ErofsContentException or NotSupportedException)
        {
            if (_transientLogged.TryAdd(inode.Nid, 0))
                _log?.Invoke($"{Describe(inode)}: cannot share now ({e.Message}); served privately until a later open");
            _statistics.CountTransientPrivate();
            lock (_privateOpens)
                return TrackPrivate(inode.Nid);
        }
    }

    /// <summary>A private open planned by <see cref="Open"/> after a store error was released.</summary>
    public void ReleasePrivate(ulong nid)
    {
        lock (_privateOpens)
        {
            if (_privateOpens.TryGetValue(nid, out int count))
            {
                if (count > 1)
                    _privateOpens[nid] = count - 1;
                else
                    _privateOpens.Remove(nid);
            }
        }
    }

    private SharedOpenPlan TrackPrivate(ulong nid)
    {
        _privateOpens[nid] = _privateOpens.GetValueOrDefault(nid) + 1;
        return SharedOpenPlan.PrivateUntilReleased;
    }

    /// <summary>
    /// True when opening the file now would first hash it and it is large enough (1 MiB or more) for that to
    /// keep a FUSE worker busy: its fate is not decided yet (deciding may hash it, to verify or publish).
    /// </summary>
    public bool FirstOpenHashesLong(InodeInfo inode) =>
        inode.Size >= LongHashBytes && !_decisions.TryGet(inode.Nid, out _);

    /// <summary>The file's fate, deciding it (hashing, publishing) if this is its first open; a store error throws and decides nothing.</summary>
    public ShareDecision Decide(InodeInfo inode) => _decisions.Get(inode.Nid, _ => Count(DecideNow(inode)));

    private int Acquire(InodeInfo inode, Fingerprint fingerprint)
    {
        var backing = _backing ?? throw new InvalidOperationException("sharing is not attached to a session");
        return _backings.Acquire(fingerprint, f => Lease(inode, f, backing)).BackingId;
    }

    /// <summary>Drops a reference taken by <see cref="Acquire"/>; the last one releases the lease.</summary>
    public void Release(Fingerprint fingerprint) => _backings.Release(fingerprint);

    /// <summary>Stops publishing ahead, then releases every lease (the mount is gone); the image and the store stay the caller's.</summary>
    public void Dispose()
    {
        _ahead?.Dispose();
        _backings.Dispose();
    }

    // Each lingering lease keeps a descriptor open: use at most half of what the process may open.
    private static unsafe int MaxIdleLeases()
    {
        const int Cap = 16384;
        ulong* limits = stackalloc ulong[2];
        return Interop.Libc.Getrlimit(Interop.Libc.RlimitNoFile, limits) == 0 ? (int)Math.Min(Cap, limits[0] / 2) : 1024;
    }

    private ShareDecision Count(ShareDecision decision)
    {
        _statistics.CountDecision(decision.IsShared);
        return decision;
    }

    // Store and image errors propagate: they decide nothing (see Open).
    private ShareDecision DecideNow(InodeInfo inode)
    {
        if (inode.Size == 0)
            return ShareDecision.Private("empty");
        var claim = Claim(inode);
        if (claim is null)
            return _policy.LocalFingerprints ? ShareDecision.Shared(LocalFingerprint(inode)) : ShareDecision.Private("no fingerprint");
        return _policy.TrustFingerprints ? Trusted(inode, claim.Value) : Verified(inode, claim.Value);
    }

    // The file's fingerprint claim; a malformed one is logged unless asked to stay quiet (publishing ahead
    // leaves that to the file's own open).
    private Fingerprint? Claim(InodeInfo inode, bool quiet = false)
    {
        if (_image.GetFingerprint(inode) is not { } value)
            return null;
        try
        {
            return Fingerprint.FromXattrValue(value);
        }
        catch (ArgumentException e)
        {
            if (!quiet)
                _log?.Invoke($"{Describe(inode)}: {e.Message}; served privately");
            return null;
        }
    }

    // The kernel's model: believe the claim; hash only to publish an object that is missing.
    private ShareDecision Trusted(InodeInfo inode, Fingerprint claim) =>
        _store.Contains(claim) || Publish(inode, claim).Matched ? ShareDecision.Shared(claim) : Mismatch(inode, claim);

    // Hash once per (image version, nid), remembered in the store for every later mount.
    private ShareDecision Verified(InodeInfo inode, Fingerprint claim)
    {
        switch (_store.CheckVerified(_identity, inode.Nid, claim))
        {
            case VerificationState.Matched:
                return ShareDecision.Shared(claim);
            case VerificationState.Mismatched:
                return Mismatch(inode, claim);
        }
        return HashAndRecord(inode, claim);
    }

    // Hashes the file against its claim (publishing the object when it matches) and records the result.
    private ShareDecision HashAndRecord(InodeInfo inode, Fingerprint claim) => Recorded(inode, claim, Publish(inode, claim));

    private ShareDecision Recorded(InodeInfo inode, Fingerprint claim, PublishResult result)
    {
        _store.RecordVerified(_identity, inode.Nid, claim, result.Matched);
        return result.Matched ? ShareDecision.Shared(claim) : Mismatch(inode, claim, result.Actual);
    }

    private ShareDecision Mismatch(InodeInfo inode, Fingerprint claim, Fingerprint? actual = null)
    {
        _statistics.CountMismatch();
        string found = actual is { } a ? $"its content is {a}" : "the store recorded a mismatch for this image";
        _log?.Invoke($"{Describe(inode)}: content does not match its fingerprint {claim} ({found}); served privately");
        return ShareDecision.Private("mismatch");
    }

    // fingerprint=local: one read of the file, remembered like a verification.
    private Fingerprint LocalFingerprint(InodeInfo inode)
    {
        if (_store.KnownFingerprint(_identity, inode.Nid) is { } known)
            return known;
        _statistics.CountHashed();
        Fingerprint computed;
        using (var stream = _image.OpenRead(inode))
            computed = Fingerprint.FromDigest(SHA256.HashData(stream));
        if (!_store.Contains(computed) && !Publish(inode, computed, alreadyCounted: true).Matched)
            throw new IOException($"the content changed while it was read");
        _store.RecordVerified(_identity, inode.Nid, computed, matched: true);
        return computed;
    }

    private PublishResult Publish(InodeInfo inode, Fingerprint claim, bool alreadyCounted = false)
    {
        if (!alreadyCounted)
            _statistics.CountHashed();
        using var stream = _image.OpenRead(inode);
        var result = _store.Publish(stream, claim);
        if (result.Outcome == PublishOutcome.Published)
            _statistics.CountPublished();
        return result;
    }

    // Publishes the file unless its object exists (then null: nothing was read).
    private PublishResult? PublishNew(InodeInfo inode, Fingerprint claim)
    {
        var result = _store.PublishNew(claim, () => _image.OpenRead(inode));
        if (result is null)
            return null;
        _statistics.CountHashed();
        if (result.Outcome == PublishOutcome.Published)
            _statistics.CountPublished();
        return result;
    }

    private SharedBacking Lease(InodeInfo inode, Fingerprint fingerprint, IBackingFiles backing)
    {
        // Missing when gc removed it while no file of ours used it: publish it again from this image.
        var (lease, published) = _store.LeaseOrPublish(fingerprint, (long)inode.Size, () =>
        {
            _statistics.CountHashed();
            return _image.OpenRead(inode);
        });
        if (published?.Outcome == PublishOutcome.Published)
            _statistics.CountPublished();
        if (lease is null)
            throw new IOException($"{Describe(inode)}: content no longer matches {fingerprint}");
        try
        {
            return new SharedBacking(lease, backing.Open(lease.Handle), backing);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private string Describe(InodeInfo inode) => $"{_policy.ImageName}: nid {inode.Nid}";
}
