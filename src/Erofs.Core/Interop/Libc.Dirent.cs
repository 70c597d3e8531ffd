using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>Offset of d_name in <c>struct dirent64</c> (after d_ino, d_off, d_reclen, d_type).</summary>
    internal const int DirentNameOffset = 19;

    /// <summary>
    /// <c>DIR *opendir(const char *path)</c>, path as raw NUL-terminated bytes; glibc opens it
    /// with O_DIRECTORY and O_CLOEXEC. Returns 0 on failure.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true)]
    internal static unsafe partial nint Opendir(byte* path);

    /// <summary>
    /// <c>struct dirent64 *readdir64(DIR *dir)</c>: the next entry, or null at the end (errno
    /// unchanged, which the generated stub clears first) or on failure (errno set). The name is
    /// NUL-terminated raw bytes at <see cref="DirentNameOffset"/>.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "readdir64", SetLastError = true)]
    internal static unsafe partial byte* Readdir64(nint dir);

    /// <summary><c>int dirfd(DIR *dir)</c>: the descriptor behind the stream, for the *at calls.</summary>
    [LibraryImport("libc", EntryPoint = "dirfd", SetLastError = true)]
    internal static partial int Dirfd(nint dir);

    /// <summary><c>int closedir(DIR *dir)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    internal static partial int Closedir(nint dir);
}
