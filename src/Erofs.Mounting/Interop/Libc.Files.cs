using System.Runtime.InteropServices;

namespace Erofs.Mounting.Interop;

internal static unsafe partial class Libc
{
    /// <summary>ENODATA: read(2) on an fsopen descriptor whose log is empty.</summary>
    internal const int ENODATA = 61;

    /// <summary>O_CLOEXEC (the same on x86_64 and arm64).</summary>
    internal const int OpenCloseOnExec = 0x80000;

    /// <summary>O_DIRECTORY: 0200000 on x86_64, 040000 on arm64.</summary>
    internal static int OpenDirectory => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <summary><c>int open(const char *path, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary><c>ssize_t read(int fd, void *buffer, size_t count)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
