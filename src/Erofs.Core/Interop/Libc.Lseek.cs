using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>SEEK_END.</summary>
    internal const int SeekEnd = 2;

    /// <summary><c>off_t lseek(int fd, off_t offset, int whence)</c>: the size of a block device, which fstat reports as 0.</summary>
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static partial long Lseek(int fd, long offset, int whence);
}
