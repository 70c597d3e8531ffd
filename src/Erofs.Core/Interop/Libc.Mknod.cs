using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>int mknod(const char *path, mode_t mode, dev_t dev)</c>. <c>mode</c> carries the
    /// S_IFMT type bits; <c>dev_t</c> is 64 bits in glibc. Exported by glibc 2.33 and later
    /// (earlier versions only had the <c>__xmknod</c> wrapper).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mknod(string path, uint mode, ulong dev);
}
