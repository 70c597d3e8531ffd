using System.Runtime.InteropServices;

namespace Erofs.Fuse.Interop;

internal static partial class Libc
{
    /// <summary><c>uid_t geteuid(void)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint Geteuid();

    /// <summary><c>gid_t getegid(void)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "getegid")]
    internal static partial uint Getegid();
}
