using System.Globalization;
using Erofs.Fuse.Protocol;
using Erofs.Mounting;

namespace Erofs.Fuse;

/// <summary>Removing FUSE mounts, also dead ones whose daemon is gone ("transport endpoint is not connected"), and aborting their connections.</summary>
public static class FuseMounts
{
    private const int EPERM = 1;

    /// <summary>
    /// Unmounts <paramref name="mountPoint"/>: umount2, then a lazy detach when it is busy
    /// (<see cref="Mounter.Unmount"/>); without root, <c>fusermount3 -u</c> (always lazy). A dead FUSE
    /// mount is removed the same way.
    /// </summary>
    /// <returns>True when the mount was only detached: it lives on, out of sight, until its last user lets go.</returns>
    /// <exception cref="IOException">Nothing could unmount it; the message says why.</exception>
    public static bool Unmount(string mountPoint)
    {
        string full = Path.GetFullPath(mountPoint);
        try
        {
            return Mounter.Unmount(full);
        }
        catch (IOException e) when (e.HResult == EPERM)
        {
            // Not root: the setuid helper may unmount what the user mounted.
            string? problem = FusermountHelper.Unmount(full, lazy: true);
            if (problem is not null)
                throw new IOException($"umount {full}: {problem}");
            return true;
        }
    }

    /// <summary>Aborts a FUSE connection through the fusectl file system (/sys/fs/fuse/connections/N/abort); false when unavailable.</summary>
    public static bool Abort(uint connection)
    {
        string path = $"/sys/fs/fuse/connections/{connection.ToString(CultureInfo.InvariantCulture)}/abort";
        try
        {
            File.WriteAllText(path, "1");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
