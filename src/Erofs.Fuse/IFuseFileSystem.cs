namespace Erofs.Fuse;

/// <summary>
/// A read-only file system served over FUSE. Node ids name nodes: 1 is the root; any other id is
/// one the file system handed out in a <see cref="Lookup"/> or READDIRPLUS entry. Every operation
/// returns 0 or a positive errno (<see cref="Errno"/>); one that throws is answered with EIO. The
/// session calls operations from several threads at once. Operations a file system leaves at their
/// default answer ENOSYS (or do nothing, for those without a reply). A handler with long work can
/// answer later instead, so its worker serves other requests meanwhile: see <see cref="FuseContext.Defer{TReply}"/>
/// (so far for <see cref="Open"/>).
/// </summary>
public interface IFuseFileSystem
{
    /// <summary>Called once INIT is negotiated, before any other request.</summary>
    void Initialized(FuseConnection connection)
    {
    }

    /// <summary>
    /// Called once the session exists and INIT is answered, before the workers serve any other request:
    /// the place to keep the session for <see cref="FuseSession.OpenBacking"/>.
    /// </summary>
    void Started(FuseSession session)
    {
    }

    /// <summary>The kernel tears the connection down (DESTROY).</summary>
    void Destroy()
    {
    }

    /// <summary>Looks <paramref name="name"/> up in directory <paramref name="parent"/>; a positive entry counts as one lookup of its node.</summary>
    int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry);

    /// <summary>The kernel dropped <paramref name="count"/> lookups of <paramref name="node"/> (FORGET, BATCH_FORGET).</summary>
    void Forget(ulong node, ulong count)
    {
    }

    /// <summary>Attributes of a node, and how long the kernel may cache them.</summary>
    int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout);

    /// <summary>The target of a symlink, as raw bytes.</summary>
    int ReadLink(in FuseContext context, ulong node, out byte[] target)
    {
        target = [];
        return Errno.ENOSYS;
    }

    /// <summary>
    /// Opens a regular file; <paramref name="flags"/> are the open(2) flags. To answer later, take the
    /// reply with <c>context.Defer&lt;FuseOpenReply&gt;()</c>, return <see cref="Errno.Deferred"/>
    /// (<paramref name="result"/> is then ignored) and complete the <see cref="FuseOpenReply"/> from any thread.
    /// </summary>
    int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        return Errno.ENOSYS;
    }

    /// <summary>
    /// Reads at <paramref name="offset"/> into <paramref name="destination"/>. Fewer bytes than asked
    /// mean end of file to the kernel, so a file system fills the whole span unless the file ends.
    /// </summary>
    int Read(in FuseContext context, ulong node, ulong handle, long offset, Span<byte> destination, out int bytesRead)
    {
        bytesRead = 0;
        return Errno.ENOSYS;
    }

    /// <summary>The last reference to an open file went away (RELEASE).</summary>
    void Release(in FuseContext context, ulong node, ulong handle)
    {
    }

    /// <summary>Opens a directory for reading.</summary>
    int OpenDirectory(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        return Errno.ENOSYS;
    }

    /// <summary>Adds the entries from <paramref name="offset"/> on to <paramref name="buffer"/> until it is full or the directory ends.</summary>
    int ReadDirectory(in FuseContext context, ulong node, ulong handle, long offset, ref FuseDirectoryBuffer buffer) => Errno.ENOSYS;

    /// <summary>The last reference to an open directory went away (RELEASEDIR).</summary>
    void ReleaseDirectory(in FuseContext context, ulong node, ulong handle)
    {
    }

    /// <summary>File system statistics.</summary>
    int StatFs(in FuseContext context, ulong node, out FuseStatFs stats)
    {
        stats = default;
        return Errno.ENOSYS;
    }

    /// <summary>The value of xattr <paramref name="name"/>; ENODATA when the node has none by that name.</summary>
    int GetXattr(in FuseContext context, ulong node, string name, out byte[] value)
    {
        value = [];
        return Errno.ENOSYS;
    }

    /// <summary>The names of the node's xattrs.</summary>
    int ListXattr(in FuseContext context, ulong node, out IReadOnlyList<string> names)
    {
        names = [];
        return Errno.ENOSYS;
    }

    /// <summary>Checks access(2) <paramref name="mask"/> (R_OK 4, W_OK 2, X_OK 1, F_OK 0) for the caller.</summary>
    int Access(in FuseContext context, ulong node, int mask) => Errno.ENOSYS;
}
