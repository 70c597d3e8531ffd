namespace Erofs.Fuse;

/// <summary>The Linux errno values file system operations answer with (positive; the library negates them on the wire).</summary>
public static class Errno
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;
    /// <summary>No such file or directory.</summary>
    public const int ENOENT = 2;
    /// <summary>Input/output error: damaged data, or a handler that failed.</summary>
    public const int EIO = 5;
    /// <summary>Bad file handle.</summary>
    public const int EBADF = 9;
    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;
    /// <summary>Not a directory.</summary>
    public const int ENOTDIR = 20;
    /// <summary>Is a directory.</summary>
    public const int EISDIR = 21;
    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>Read-only file system.</summary>
    public const int EROFS = 30;
    /// <summary>Result too large: the caller's xattr buffer is too small.</summary>
    public const int ERANGE = 34;
    /// <summary>Function not implemented.</summary>
    public const int ENOSYS = 38;
    /// <summary>No data available: no such xattr.</summary>
    public const int ENODATA = 61;
    /// <summary>Protocol error: the kernel speaks a protocol version we do not.</summary>
    public const int EPROTO = 71;
    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>
    /// Not an errno: what a handler returns after taking its reply with <see cref="FuseContext.Defer{TReply}"/>.
    /// The worker then sends nothing and serves the next request; returned without a reply taken, it is answered EIO.
    /// </summary>
    public const int Deferred = int.MinValue;
}
