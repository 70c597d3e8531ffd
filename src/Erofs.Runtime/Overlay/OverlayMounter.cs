using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Erofs.Mounting;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// The daemon-free sharing backend's mount: the kernel mounts a metadata-only EROFS image (regular files
/// carry <c>trusted.overlay.metacopy</c> and <c>trusted.overlay.redirect</c>) as a detached mount, and a
/// read-only overlay with that mount as its only lower layer and the store's objects directory as a
/// data-only layer is moved onto the mount point. Nothing is visible until the last step, and nothing
/// is left behind when a step fails or the process dies before it.
/// </summary>
/// <remarks>
/// Where it can mount: on any directory, also one on an overlay (a container's root, say): the overlay
/// stacking limit concerns layers, not the mount point, and a mount there stacks on top of what is mounted
/// already, as mount(8) does. A mount point that is not a directory is refused before anything is mounted.
/// The metadata image must be on a file system that serves page-cache reads (ext4, xfs, btrfs…): the kernel
/// cannot back an EROFS mount with a file on tmpfs or on an overlay, and says only ENOTBLK.
/// </remarks>
public static class OverlayMounter
{
    /// <summary>What every source of ours starts with, followed by the image path: how <c>erofs umount</c> tells our overlays from others'.</summary>
    public const string SourcePrefix = "erofs:";

    /// <summary>The mount's file system type as mountinfo lists it.</summary>
    public const string FileSystemType = "overlay";

    private const int ENOTBLK = 15;

    /// <summary>
    /// The source for a mount of <paramref name="imagePath"/>: <see cref="SourcePrefix"/> and the absolute
    /// path; when that is longer than the kernel takes (<see cref="FileSystemContext.MaxValueBytes"/>),
    /// the path's end only, after an ellipsis, from a '/' on where one fits.
    /// </summary>
    public static string SourceFor(string imagePath)
    {
        string full = SourcePrefix + Path.GetFullPath(imagePath);
        if (Encoding.UTF8.GetByteCount(full) <= FileSystemContext.MaxValueBytes)
            return full;
        const string Ellipsis = "…";
        int room = FileSystemContext.MaxValueBytes - Encoding.UTF8.GetByteCount(SourcePrefix + Ellipsis);
        int start = full.Length;
        while (start > SourcePrefix.Length && Encoding.UTF8.GetByteCount(full.AsSpan(start - 1)) <= room)
            start--;
        if (start < full.Length && char.IsLowSurrogate(full[start]))
            start++; // never half a surrogate pair
        int slash = full.IndexOf('/', start);
        return SourcePrefix + Ellipsis + full[(slash >= 0 ? slash : start)..];
    }

    /// <summary>Whether <paramref name="entry"/> is an overlay mounted by <see cref="Mount"/>.</summary>
    public static bool IsOurs(MountEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.FileSystemType == FileSystemType && entry.Source.StartsWith(SourcePrefix, StringComparison.Ordinal);
    }

    /// <summary>The full path of <paramref name="mountPoint"/>, which must be an existing directory.</summary>
    /// <exception cref="IOException">It is missing or not a directory.</exception>
    public static string CheckMountPoint(string mountPoint)
    {
        string full = Path.GetFullPath(mountPoint);
        if (!Directory.Exists(full))
            throw new IOException(File.Exists(full) ? $"mount point {full}: not a directory" : $"mount point {full}: no such directory");
        return full;
    }

    /// <summary>
    /// Mounts <paramref name="metadataImage"/> over <paramref name="objectsDirectory"/> read-only on
    /// <paramref name="mountPoint"/>, with <paramref name="source"/> (from <see cref="SourceFor"/>) as the
    /// overlay's source. Neither mount is nosuid, nodev or noexec, as with a root <c>mount -o ro</c>, so setuid
    /// programs work in a chroot on it. The handles may be closed once this returns: the mount holds what it needs.
    /// </summary>
    /// <param name="metadataImage">The metadata image, open for reading.</param>
    /// <param name="objectsDirectory">The objects directory, open with O_DIRECTORY (see <see cref="DirectoryHandle.Open"/>); objects at <c>ab/cdef…</c> below it.</param>
    /// <param name="mountPoint">An existing directory.</param>
    /// <param name="source">The overlay's source; must start with <see cref="SourcePrefix"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> does not start with <see cref="SourcePrefix"/>.</exception>
    /// <exception cref="IOException">The mount point is not a directory, or the kernel refused a step; one line naming the image, the mount point and the step.</exception>
    public static void Mount(SafeFileHandle metadataImage, SafeFileHandle objectsDirectory, string mountPoint, string source)
    {
        ArgumentNullException.ThrowIfNull(metadataImage);
        ArgumentNullException.ThrowIfNull(objectsDirectory);
        ArgumentNullException.ThrowIfNull(source);
        if (!source.StartsWith(SourcePrefix, StringComparison.Ordinal))
            throw new ArgumentException($"overlay source '{source}': must start with '{SourcePrefix}'");
        string full = CheckMountPoint(mountPoint);
        string image = source[SourcePrefix.Length..];
        try
        {
            using var metadata = MountMetadata(metadataImage);
            using var overlay = FileSystemContext.Open(FileSystemType);
            overlay.SetString("source", source);
            overlay.SetFd("lowerdir+", metadata);
            overlay.SetFd("datadir+", objectsDirectory);
            overlay.SetString("metacopy", "on");
            overlay.SetString("redirect_dir", "follow");
            overlay.SetFlag("ro");
            overlay.Create();
            using var mount = overlay.Mount(MountAttributes.ReadOnly);
            mount.MoveTo(full);
        }
        catch (IOException e)
        {
            throw new IOException($"mount {image} on {full}: {e.Message}", e.HResult);
        }
    }

    // A file-backed EROFS mount, detached: it becomes visible only as the overlay's layer.
    private static DetachedMount MountMetadata(SafeFileHandle image)
    {
        using var erofs = FileSystemContext.Open("erofs");
        bool held = false;
        image.DangerousAddRef(ref held);
        try
        {
            // The kernel opens the path at create time, in this process: the descriptor must stay open until then.
            int fd = (int)image.DangerousGetHandle();
            erofs.SetString("source", string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}"));
            erofs.SetFlag("ro");
            try
            {
                erofs.Create();
            }
            catch (IOException e) when (e.HResult == ENOTBLK)
            {
                // The kernel logs nothing here: say what it means.
                throw new IOException(
                    $"the image's file system cannot back an EROFS mount (tmpfs and overlayfs cannot: keep the image on a disk file system): {Marshal.GetPInvokeErrorMessage(ENOTBLK)} (errno {ENOTBLK})", ENOTBLK);
            }
        }
        finally
        {
            if (held)
                image.DangerousRelease();
        }
        return erofs.Mount(MountAttributes.ReadOnly);
    }
}
