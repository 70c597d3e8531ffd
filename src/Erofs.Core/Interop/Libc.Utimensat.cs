using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>Makes path arguments of the *at calls relative to the current directory.</summary>
    internal const int AtFdCwd = -100;

    /// <summary>AT_SYMLINK_NOFOLLOW: act on a symlink itself rather than on its target.</summary>
    internal const int AtSymlinkNoFollow = 0x100;

    /// <summary>
    /// <c>struct timespec</c> on 64-bit Linux (x86_64, arm64): <c>time_t tv_sec</c> and
    /// <c>long tv_nsec</c>, both 64 bits, 16 bytes in all.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        /// <summary>Seconds since the Unix epoch.</summary>
        public long Seconds;

        /// <summary>Nanoseconds, 0 to 999,999,999.</summary>
        public long Nanoseconds;
    }

    /// <summary>
    /// <c>int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)</c>;
    /// <paramref name="times"/> points at the access time followed by the modification time.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Utimensat(int dirfd, string path, Timespec* times, int flags);
}
