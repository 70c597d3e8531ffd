using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// The Linux file calls an extractor needs to reproduce owners, modes, timestamps, device
/// nodes, extended attributes and hard links. Calls that could follow a symlink act on the
/// link itself instead.
/// </summary>
/// <remarks>
/// <para>Failures throw <see cref="IOException"/> whose message names the path and the errno
/// text and whose <see cref="Exception.HResult"/> is the errno (as .NET does on Unix).</para>
/// <para>Suggested order per entry: create it, <see cref="SetOwner"/>, then <see cref="SetMode"/>
/// (chown clears setuid/setgid), then <see cref="SetXattr"/> (chown also drops
/// <c>security.capability</c>), and <see cref="SetModificationTime"/> last, after a directory's
/// children exist. Only 64-bit Linux is supported.</para>
/// </remarks>
internal static class NativeFile
{
    private const uint PermissionMask = 0xFFF; // 07777: rwx for all plus setuid, setgid, sticky
    private const uint TypeMask = 0xF000;      // S_IFMT
    private const uint CharDeviceType = 0x2000;
    private const uint BlockDeviceType = 0x6000;
    private const uint FifoType = 0x1000;
    private const uint SocketType = 0xC000;

    /// <summary>Whether the process runs with effective user id 0.</summary>
    internal static bool IsRoot => Libc.Geteuid() == 0;

    /// <summary>Sets owner and group (lchown); <c>uint.MaxValue</c> leaves an id unchanged.</summary>
    internal static void SetOwner(string path, uint uid, uint gid)
    {
        CheckSupported(path);
        if (Libc.Lchown(path, uid, gid) != 0)
            throw LastError("set owner of", path);
    }

    /// <summary>Sets the modification and access times (utimensat with AT_SYMLINK_NOFOLLOW).</summary>
    /// <param name="path">The file, directory or symlink.</param>
    /// <param name="seconds">Seconds since the Unix epoch; may be negative.</param>
    /// <param name="nanoseconds">Fraction of a second, below 1,000,000,000.</param>
    internal static unsafe void SetModificationTime(string path, long seconds, uint nanoseconds)
    {
        CheckSupported(path);
        // Larger values would collide with UTIME_NOW/UTIME_OMIT or be rejected as EINVAL.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, 999_999_999u);
        var times = stackalloc Libc.Timespec[2];
        times[0] = new Libc.Timespec { Seconds = seconds, Nanoseconds = nanoseconds };
        times[1] = times[0];
        if (Libc.Utimensat(Libc.AtFdCwd, path, times, Libc.AtSymlinkNoFollow) != 0)
            throw LastError("set modification time of", path);
    }

    /// <summary>
    /// Sets the permission bits, including setuid, setgid and sticky; type bits in
    /// <paramref name="mode"/> are ignored. Refuses symlinks rather than changing their target.
    /// </summary>
    internal static void SetMode(string path, uint mode)
    {
        CheckSupported(path);
        uint bits = mode & PermissionMask;
        if (Libc.Fchmodat(Libc.AtFdCwd, path, bits, Libc.AtSymlinkNoFollow) == 0)
            return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EOPNOTSUPP)
            throw Error(errno, "set mode of", path);
        // EOPNOTSUPP: a symlink, or a libc (< 2.32) or missing /proc that cannot chmod without
        // following; tell them apart. The fallback is racy, but only used on such systems.
        if (new FileInfo(path).LinkTarget is not null)
            throw new IOException($"Cannot set mode of '{path}': it is a symbolic link", Errno.EOPNOTSUPP);
        if (Libc.Chmod(path, bits) != 0)
            throw LastError("set mode of", path);
    }

    /// <summary>
    /// Creates a character or block device, FIFO or socket (mknod). The umask applies to the
    /// permission bits, so call <see cref="SetMode"/> afterwards for exact permissions.
    /// </summary>
    /// <param name="path">Where to create the node; must not exist.</param>
    /// <param name="mode">S_IFCHR, S_IFBLK, S_IFIFO or S_IFSOCK plus permission bits.</param>
    /// <param name="rdev">The device number (see <see cref="MakeDevice"/>); ignored for FIFOs and sockets.</param>
    internal static void MakeNode(string path, uint mode, ulong rdev)
    {
        CheckSupported(path);
        uint type = mode & TypeMask;
        if (type is not (CharDeviceType or BlockDeviceType or FifoType or SocketType))
            throw new ArgumentException($"Mode 0x{mode:X} is not a device, FIFO or socket.", nameof(mode));
        if (Libc.Mknod(path, mode & (TypeMask | PermissionMask), rdev) != 0)
            throw LastError("create node", path);
    }

    /// <summary>Builds a Linux dev_t from major and minor numbers, as glibc's makedev does.</summary>
    internal static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0x00000FFFu) << 8)
        | ((ulong)(major & 0xFFFFF000u) << 32)
        | (minor & 0x000000FFu)
        | ((ulong)(minor & 0xFFFFFF00u) << 12);

    /// <summary>Creates or replaces an extended attribute (lsetxattr), e.g. <c>user.comment</c>.</summary>
    internal static unsafe void SetXattr(string path, string name, ReadOnlySpan<byte> value)
    {
        CheckSupported(path);
        ArgumentNullException.ThrowIfNull(name);
        fixed (byte* data = value)
        {
            if (Libc.Lsetxattr(path, name, data, (nuint)value.Length, 0) != 0)
                throw LastError($"set extended attribute '{name}' on", path);
        }
    }

    /// <summary>Reads an extended attribute (lgetxattr); a missing one fails with ENODATA.</summary>
    internal static unsafe byte[] GetXattr(string path, string name)
    {
        CheckSupported(path);
        ArgumentNullException.ThrowIfNull(name);
        while (true)
        {
            nint size = Libc.Lgetxattr(path, name, null, 0);
            if (size < 0)
                throw LastError($"get extended attribute '{name}' of", path);
            var buffer = new byte[size];
            nint read;
            fixed (byte* data = buffer)
                read = Libc.Lgetxattr(path, name, data, (nuint)buffer.Length);
            if (read >= 0)
                return buffer[..(int)read];
            int errno = Marshal.GetLastPInvokeError();
            // ERANGE: the value grew between the two calls, so ask for its size again.
            if (errno != Errno.ERANGE)
                throw Error(errno, $"get extended attribute '{name}' of", path);
        }
    }

    /// <summary>Creates <paramref name="newPath"/> as another name for <paramref name="existingPath"/> (link).</summary>
    internal static void CreateHardLink(string existingPath, string newPath)
    {
        CheckSupported(existingPath);
        ArgumentNullException.ThrowIfNull(newPath);
        if (Libc.Link(existingPath, newPath) != 0)
            throw LastError($"create hard link '{newPath}' to", existingPath);
    }

    /// <summary>Creates a directory (mkdir); an existing entry of any kind, symlinks included, is an error.</summary>
    internal static void CreateDirectory(string path, uint mode = 0x1C0)
    {
        CheckSupported(path);
        if (Libc.Mkdir(path, mode) != 0)
            throw LastError("create directory", path);
    }

    /// <summary>Creates a symlink whose target is taken byte for byte (no UTF-8 round trip).</summary>
    internal static unsafe void CreateSymbolicLink(ReadOnlySpan<byte> target, string path)
    {
        CheckSupported(path);
        if (target.IsEmpty || target.Contains((byte)0))
            throw new ArgumentException("a symlink target must be non-empty and free of NUL bytes", nameof(target));
        var terminated = new byte[target.Length + 1];
        target.CopyTo(terminated);
        fixed (byte* p = terminated)
        {
            if (Libc.Symlink(p, path) != 0)
                throw LastError("create symbolic link", path);
        }
    }

    private static void CheckSupported(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // The constants, dev_t encoding and timespec layout are those of 64-bit Linux.
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("Native file metadata calls need 64-bit Linux.");
    }

    private static IOException LastError(string action, string path) =>
        Error(Marshal.GetLastPInvokeError(), action, path);

    private static IOException Error(int errno, string action, string path) =>
        new($"Cannot {action} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
}
