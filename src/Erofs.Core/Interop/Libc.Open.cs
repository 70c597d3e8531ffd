using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>O_RDONLY.</summary>
    internal const int OpenReadOnly = 0;

    /// <summary>O_NONBLOCK (same value on x86_64 and arm64): never hang opening a FIFO put in a file's place.</summary>
    internal const int OpenNonBlock = 0x800;

    /// <summary>O_NOATIME (same value on x86_64 and arm64); only the owner or CAP_FOWNER may use it (else EPERM).</summary>
    internal const int OpenNoAtime = 0x40000;

    /// <summary>O_CLOEXEC (same value on x86_64 and arm64).</summary>
    internal const int OpenCloseOnExec = 0x80000;

    /// <summary>
    /// <c>int open(const char *path, int flags, mode_t mode)</c> with the path as raw
    /// NUL-terminated bytes (.NET's file APIs cannot name a file whose name is not UTF-8).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static unsafe partial int Open(byte* path, int flags, uint mode);
}
