using Erofs.Mounting.Interop;

namespace Erofs.Mounting;

/// <summary>mount(2) and umount2(2): mounting in one call, and unmounting whatever is mounted, by path.</summary>
public static class Mounter
{
    private const int EBUSY = 16;

    /// <summary>mount(2) of <paramref name="source"/> of type <paramref name="fileSystemType"/> on <paramref name="target"/>.</summary>
    /// <exception cref="IOException">The kernel refused; the message names the target, its HResult is the errno.</exception>
    public static void Mount(string source, string target, string fileSystemType, MountFlags flags, string? data)
    {
        if (Libc.Mount(source, target, fileSystemType, (ulong)flags, data) != 0)
            throw LastError.Exception("mount", target, LastError.Errno);
    }

    /// <summary>Unmounts the top mount on <paramref name="mountPoint"/>: umount2, then a lazy detach when it is busy.</summary>
    /// <returns>True when the mount was only detached: it lives on, out of sight, until its last user lets go.</returns>
    /// <exception cref="IOException">It could not be unmounted (EPERM without privilege, EINVAL when nothing is mounted there); HResult is the errno.</exception>
    public static bool Unmount(string mountPoint)
    {
        string full = Path.GetFullPath(mountPoint);
        if (Libc.Umount2(full, 0) == 0)
            return false;
        int errno = LastError.Errno;
        if (errno == EBUSY)
        {
            Detach(full);
            return true;
        }
        throw LastError.Exception("umount", full, errno);
    }

    /// <summary>Detaches the top mount on <paramref name="mountPoint"/> at once (MNT_DETACH), busy or not.</summary>
    /// <exception cref="IOException">It could not be detached; HResult is the errno.</exception>
    public static void Detach(string mountPoint)
    {
        string full = Path.GetFullPath(mountPoint);
        if (Libc.Umount2(full, Libc.MntDetach) != 0)
            throw LastError.Exception("umount", full, LastError.Errno);
    }
}
