using Erofs.Mounting.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Mounting;

/// <summary>
/// A mount made by <see cref="FileSystemContext.Mount"/>: it belongs to no mount namespace, so nobody sees
/// it until <see cref="MoveTo"/> attaches it to a directory. Closing it before that unmounts it, also when
/// the process dies, so a failure half-way leaves nothing behind. Its descriptor can be given to another
/// file system as a layer (<see cref="FileSystemContext.SetFd"/>).
/// </summary>
public sealed class DetachedMount : SafeHandleMinusOneIsInvalid
{
    private const int EINVAL = 22;

    internal DetachedMount(int fd, string fileSystemType)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
        FileSystemType = fileSystemType;
    }

    /// <summary>The file system type it was made from.</summary>
    public string FileSystemType { get; }

    /// <summary>Whether <see cref="MoveTo"/> attached it.</summary>
    public bool IsAttached { get; private set; }

    /// <summary>
    /// move_mount(2): attaches the mount on <paramref name="mountPoint"/> (made absolute; a symlink is
    /// followed, as mount(2) does), on top of whatever is mounted there. Closing it afterwards leaves it mounted.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is attached already.</exception>
    /// <exception cref="IOException">The kernel refused; the message names the mount point, HResult is the errno.</exception>
    public void MoveTo(string mountPoint)
    {
        if (IsAttached)
            throw new InvalidOperationException($"the {FileSystemType} mount is attached already");
        string full = Path.GetFullPath(mountPoint);
        using var held = new HeldDescriptor(this);
        if (Libc.MoveMount(held.Fd, "", Libc.AtFdCwd, full, Libc.MoveMountFromEmptyPath | Libc.MoveMountTargetSymlinks) != 0)
        {
            int errno = LastError.Errno;
            // A directory mount onto a file fails with a bare EINVAL.
            string hint = errno == EINVAL && File.Exists(full) ? ": not a directory" : "";
            throw new IOException($"move_mount {FileSystemType} onto {full}{hint}: {LastError.Describe(errno)}", errno);
        }
        IsAttached = true;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
