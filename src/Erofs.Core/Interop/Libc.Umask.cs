using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary><c>mode_t umask(mode_t mask)</c>: sets the file creation mask and returns the old one; it cannot fail.</summary>
    [LibraryImport("libc", EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);

    /// <summary>
    /// The process's umask. Reading it means setting it, so it is set back at once; a file created by
    /// another thread in between gets mode bits unmasked (callers read it once, before extracting).
    /// </summary>
    internal static uint CurrentUmask()
    {
        uint mask = Umask(0);
        Umask(mask);
        return mask;
    }
}
