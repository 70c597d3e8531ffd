namespace Erofs.Interop;

/// <summary>The Linux errno values the native wrappers look at.</summary>
internal static class Errno
{
    /// <summary>Operation not permitted.</summary>
    internal const int EPERM = 1;

    /// <summary>No such file or directory.</summary>
    internal const int ENOENT = 2;

    /// <summary>File exists.</summary>
    internal const int EEXIST = 17;

    /// <summary>Result too large: an xattr buffer was too small.</summary>
    internal const int ERANGE = 34;

    /// <summary>No data available: the xattr does not exist (ENOATTR).</summary>
    internal const int ENODATA = 61;

    /// <summary>Operation not supported (same value as ENOTSUP on Linux).</summary>
    internal const int EOPNOTSUPP = 95;
}
