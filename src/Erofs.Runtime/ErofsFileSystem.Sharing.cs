using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Reading;
using Erofs.Runtime.Sharing;
using Erofs.Runtime.Store;

namespace Erofs.Runtime;

public sealed partial class ErofsFileSystem
{
    private readonly HandleTable<SharedOpen> _sharedOpens = new();
    private readonly SemaphoreSlim _hashers = new(Environment.ProcessorCount);

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
            sharing.PublishAheadIn(new ListingSiblings(_nodes, _listings));
            return;
        }
        string why = session.MountedWithFusermount ? "the mount was made through fusermount3 (not root)"
            : (session.Connection.Offered & FuseInitFlags.Passthrough) == 0 ? "the kernel does not offer FUSE passthrough"
            : "passthrough=off";
        _options.Log?.Invoke($"inode_share: no passthrough ({why}): files are read through the daemon and nothing is shared");
    }

    /// <inheritdoc />
    public void Release(in FuseContext context, ulong node, ulong handle) => ForgetOpen(handle);

    private void ForgetOpen(ulong handle)
    {
        if (handle == 0 || _sharedOpens.Get(handle) is not { } open)
            return;
        _sharedOpens.Remove(handle);
        if (open.Fingerprint is { } fingerprint)
            _options.Sharing?.Release(fingerprint);
        else
            _options.Sharing?.ReleasePrivate(open.Nid);
    }

    // The first open of a large file hashes it (seconds for gigabytes): that happens on a thread of its own,
    // at most one per core, while the worker that read the OPEN goes on serving; the reply follows.
    private int OpenLater(in FuseContext context, InodeInfo inode, FileSharing sharing)
    {
        var reply = context.Defer<FuseOpenReply>();
        Task.Factory.StartNew(() => CompleteOpen(reply, inode, sharing), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Errno.Deferred;
    }

    private void CompleteOpen(FuseOpenReply reply, InodeInfo inode, FileSharing sharing)
    {
        FuseOpenResult result;
        _hashers.Wait();
        try
        {
            result = OpenShared(inode, sharing);
        }
        catch (Exception e)
        {
            // A bug, not a store error (those make the open private): the open fails, the daemon goes on.
            _options.Log?.Invoke($"nid {inode.Nid}: open failed: {e.Message}");
            reply.Fail(Errno.EIO);
            return;
        }
        finally
        {
            _hashers.Release();
        }
        // Not taken (the request was interrupted or the mount is gone): no RELEASE will come for it.
        if (!reply.Reply(result))
            ForgetOpen(result.Handle);
    }

    // Shared through passthrough, private after a store error (tracked until RELEASE), or private as usual.
    // The directory, when known, lets sharing publish the files that follow this one there ahead.
    private FuseOpenResult OpenShared(InodeInfo inode, FileSharing sharing, ulong? directory = null)
    {
        var plan = sharing.Open(inode, directory);
        if (plan.Fingerprint is { } fingerprint)
        {
            _options.Statistics.CountSharedOpen();
            return new FuseOpenResult(_sharedOpens.Add(new SharedOpen(inode.Nid, fingerprint)), FuseOpenFlags.Passthrough, plan.BackingId);
        }
        // Its release tells sharing that the inode has no cached open left. The image never changes, so
        // pages cached by earlier opens stay valid.
        return plan.Tracked ? new FuseOpenResult(_sharedOpens.Add(new SharedOpen(inode.Nid, null)), FuseOpenFlags.KeepCache)
            : new FuseOpenResult(0, FuseOpenFlags.KeepCache);
    }

    // One open file tracked until RELEASE: backed by an object, or private after a store error (no fingerprint).
    private sealed record SharedOpen(ulong Nid, Fingerprint? Fingerprint);
}
