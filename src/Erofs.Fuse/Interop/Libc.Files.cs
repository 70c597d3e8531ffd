using System.Runtime.InteropServices;

namespace Erofs.Fuse.Interop;

internal static unsafe partial class Libc
{
    /// <summary>O_RDWR for <see cref="Open"/>.</summary>
    internal const int ORdWr = 2;

    /// <summary>O_CLOEXEC: the descriptor is not inherited by programs this process starts.</summary>
    internal const int OCloExec = 0x80000;

    /// <summary><c>int open(const char *path, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary><c>ssize_t read(int fd, void *buf, size_t count)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary><c>int ioctl(int fd, unsigned long request, void *arg)</c> (variadic in C; one pointer argument is ABI-compatible on LP64 Linux).</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, void* argument);

    /// <summary><c>int fcntl(int fd, int cmd, int arg)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    /// <summary>F_SETFD for <see cref="Fcntl"/>: sets the descriptor flags (FD_CLOEXEC).</summary>
    internal const int FSetFd = 2;
}
