namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>How <see cref="KernelMount"/> hands an image to the kernel.</summary>
public enum KernelMountMode
{
    /// <summary>
    /// <c>mount -t erofs -o ro[,device=LOOP...] IMAGE DIR</c>: mount(8) puts the image on a loop device,
    /// and each extra device is attached read-only to a loop device of its own (<c>losetup --find --show -r</c>),
    /// because the kernel opens <c>device=</c> paths as block devices when the image is on a block device.
    /// </summary>
    Loop,

    /// <summary>
    /// The <c>mount(2)</c> system call with the image file itself as source (EROFS file-backed mount,
    /// <c>CONFIG_EROFS_FS_BACKED_BY_FILE</c>, Linux 6.12+): no loop devices; <c>device=</c> takes plain files.
    /// </summary>
    FileBacked,
}
