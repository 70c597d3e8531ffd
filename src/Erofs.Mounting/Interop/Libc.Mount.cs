using System.Runtime.InteropServices;

namespace Erofs.Mounting.Interop;

internal static partial class Libc
{
    /// <summary>MNT_DETACH for <see cref="Umount2"/>: detach now, finish when the mount is no longer busy.</summary>
    internal const int MntDetach = 2;

    /// <summary><c>int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mount(string source, string target, string fileSystemType, ulong flags, string? data);

    /// <summary><c>int umount2(const char *target, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Umount2(string target, int flags);
}
