using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary><c>uid_t geteuid(void)</c>: the effective user id; it cannot fail.</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint Geteuid();
}
