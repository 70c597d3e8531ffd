using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>openat2 syscall number (the same in the generic table, x86_64 and arm64).</summary>
    internal const long SysOpenat2 = 437;

    /// <summary>RESOLVE_NO_MAGICLINKS: no /proc/PID/fd-style links.</summary>
    internal const ulong ResolveNoMagicLinks = 0x02;

    /// <summary>RESOLVE_NO_SYMLINKS: fail with ELOOP on any symlink in the path.</summary>
    internal const ulong ResolveNoSymlinks = 0x04;

    /// <summary>RESOLVE_BENEATH: fail with EXDEV when the path leaves the starting directory.</summary>
    internal const ulong ResolveBeneath = 0x08;

    /// <summary>O_PATH (same value on x86_64 and arm64).</summary>
    internal const int OpenPath = 0x200000;

    /// <summary>O_DIRECTORY: 0200000 on x86_64, 040000 on arm64.</summary>
    internal static int OpenDirectory => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <summary><c>struct open_how</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    /// <summary><c>long syscall(SYS_openat2, int dirfd, const char *path, struct open_how *how, size_t size)</c> (glibc 2.36 has no wrapper).</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static unsafe partial long SyscallOpenat2(long number, int dirfd, byte* path, OpenHow* how, nuint size);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
