using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Reading;
using Erofs.Runtime.Sharing;
using Erofs.Runtime.Store;

namespace Erofs.Runtime;

public sealed partial class ErofsFileSystem
{
    private readonly HandleTable<SharedOpen> _sharedOpens = new();

    /// <summary>Counters of this mount (READ requests, sharing decisions, hashing, mismatches).</summary>
    public MountStatistics Statistics => _options.Statistics;

    /// <summary>Whether fingerprinted files are backed by shared objects (inode_share asked and passthrough negotiated).</summary>
    public bool Sharing => _options.Sharing?.Active == true;

    /// <summary>Files open through passthrough right now.</summary>
    public int SharedOpenFiles => _sharedOpens.Count;

    /// <inheritdoc />
    public void Started(FuseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_options.Sharing is not { } sharing)
            return;
        if (session.Connection.Passthrough)
        {
            sharing.Attach(new SessionBackingFiles(session));
            return;
        }
        string why = session.MountedWithFusermount ? "the mount was made through fusermount3 (not root)"
            : (session.Connection.Offered & FuseInitFlags.Passthrough) == 0 ? "the kernel does not offer FUSE passthrough"
            : "passthrough=off";
        _options.Log?.Invoke($"inode_share: no passthrough ({why}): files are read through the daemon and nothing is shared");
    }

    /// <inheritdoc />
    public void Release(in FuseContext context, ulong node, ulong handle)
    {
        if (handle == 0 || _sharedOpens.Get(handle) is not { } open)
            return;
        _sharedOpens.Remove(handle);
        if (open.Fingerprint is { } fingerprint)
            _options.Sharing?.Release(fingerprint);
        else
            _options.Sharing?.ReleasePrivate(open.Nid);
    }

    // Null when the file is served privately as usual (the caller answers with the cached, non-passthrough open).
    private int? TryOpenShared(InodeInfo inode, out FuseOpenResult result)
    {
        result = default;
        if (_options.Sharing is not { Active: true } sharing)
            return null;
        var plan = sharing.Open(inode);
        if (plan.Fingerprint is { } fingerprint)
        {
            _options.Statistics.CountSharedOpen();
            result = new FuseOpenResult(_sharedOpens.Add(new SharedOpen(inode.Nid, fingerprint)), FuseOpenFlags.Passthrough, plan.BackingId);
            return Errno.Ok;
        }
        if (!plan.Tracked)
            return null;
        // Private after a store error: its release tells sharing that the inode has no cached open left.
        result = new FuseOpenResult(_sharedOpens.Add(new SharedOpen(inode.Nid, null)), FuseOpenFlags.KeepCache);
        return Errno.Ok;
    }

    // One open file tracked until RELEASE: backed by an object, or private after a store error (no fingerprint).
    private sealed record SharedOpen(ulong Nid, Fingerprint? Fingerprint);
}
