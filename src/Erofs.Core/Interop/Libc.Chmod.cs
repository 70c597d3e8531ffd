using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>int fchmodat(int dirfd, const char *path, mode_t mode, int flags)</c>. With
    /// AT_SYMLINK_NOFOLLOW, glibc 2.32+ fails with EOPNOTSUPP on a symlink instead of following
    /// it; older glibc (or a missing /proc) fails with EOPNOTSUPP for every path.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Fchmodat(int dirfd, string path, uint mode, int flags);

    /// <summary><c>int chmod(const char *path, mode_t mode)</c>; follows symlinks.</summary>
    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chmod(string path, uint mode);
}
