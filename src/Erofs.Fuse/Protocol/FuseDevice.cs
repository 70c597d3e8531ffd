using Erofs.Fuse.Abi;
using Erofs.Fuse.Interop;

namespace Erofs.Fuse.Protocol;

/// <summary>
/// One open descriptor of /dev/fuse: the session's own, or a clone attached to the same connection.
/// Every call holds a reference on the descriptor while it runs; once disposed, reads and writes
/// answer ENODEV (the connection is gone for us) and ioctls fail with EBADF, as a closed descriptor
/// would, instead of touching whatever has that number now.
/// </summary>
internal sealed unsafe class FuseDevice : IReplySink, IDisposable
{
    /// <summary>The FUSE device node.</summary>
    public const string Path = "/dev/fuse";

    /// <summary>What reads and writes answer once the device is closed.</summary>
    public const int ENODEV = 19;

    private const int EBADF = 9;

    private readonly DeviceHandle _handle;

    private FuseDevice(int fd) => _handle = new DeviceHandle(fd);

    /// <summary>The descriptor number, for the mount options; meaningful only while the device is open.</summary>
    public int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>Opens /dev/fuse read-write, close-on-exec.</summary>
    public static FuseDevice Open()
    {
        int fd = Libc.Open(Path, Libc.ORdWr | Libc.OCloExec);
        if (fd < 0)
            throw LastError.Exception("open", Path, LastError.Errno);
        return new FuseDevice(fd);
    }

    /// <summary>Wraps a descriptor received from fusermount3; the device owns it from now on.</summary>
    public static FuseDevice Adopt(int fd) => new(fd);

    /// <summary>Opens a new descriptor and attaches it to this device's connection (FUSE_DEV_IOC_CLONE).</summary>
    public FuseDevice Clone()
    {
        var clone = Open();
        int errno = EBADF;
        if (TryUse(out var use))
        {
            using (use)
            {
                uint source = (uint)use.Fd;
                errno = Libc.Ioctl(clone.Fd, DeviceIoctl.Clone, &source) == 0 ? 0 : LastError.Errno;
            }
        }
        if (errno == 0)
            return clone;
        clone.Dispose();
        throw LastError.Exception("FUSE_DEV_IOC_CLONE on", Path, errno);
    }

    /// <summary>Reads one request; returns its length, or -errno.</summary>
    public int Read(Span<byte> buffer)
    {
        if (!TryUse(out var use))
            return -ENODEV;
        using (use)
        {
            fixed (byte* p = buffer)
            {
                nint n = Libc.Read(use.Fd, p, (nuint)buffer.Length);
                return n >= 0 ? (int)n : -LastError.Errno;
            }
        }
    }

    /// <summary>Writes one reply in one write(2); returns 0 or errno.</summary>
    public int Write(ReadOnlySpan<byte> reply)
    {
        if (!TryUse(out var use))
            return ENODEV;
        using (use)
        {
            fixed (byte* p = reply)
            {
                nint n = Libc.Write(use.Fd, p, (nuint)reply.Length);
                return n >= 0 ? 0 : LastError.Errno;
            }
        }
    }

    /// <summary>FUSE_DEV_IOC_BACKING_OPEN: registers <paramref name="fd"/> as a passthrough backing file; returns its id.</summary>
    public int OpenBacking(int fd)
    {
        var map = new BackingMap { Fd = fd };
        int id = Ioctl(DeviceIoctl.BackingOpen, &map, out int errno);
        if (id < 0)
            throw LastError.Exception("FUSE_DEV_IOC_BACKING_OPEN of descriptor", fd.ToString(System.Globalization.CultureInfo.InvariantCulture), errno);
        return id;
    }

    /// <summary>FUSE_DEV_IOC_BACKING_CLOSE: drops the registration (open files keep their backing file).</summary>
    public void CloseBacking(int id)
    {
        uint value = (uint)id;
        if (Ioctl(DeviceIoctl.BackingClose, &value, out int errno) != 0)
            throw LastError.Exception("FUSE_DEV_IOC_BACKING_CLOSE of backing id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), errno);
    }

    /// <summary>Closes the descriptor once no call is using it.</summary>
    public void Dispose() => _handle.Dispose();

    // Returns the ioctl's result; on failure (-1) errno says why.
    private int Ioctl(nuint request, void* argument, out int errno)
    {
        errno = EBADF;
        if (!TryUse(out var use))
            return -1;
        using (use)
        {
            int result = Libc.Ioctl(use.Fd, request, argument);
            errno = result < 0 ? LastError.Errno : 0;
            return result;
        }
    }

    // False once the device is closed; otherwise the descriptor stays open until the use is disposed.
    private bool TryUse(out DescriptorUse use)
    {
        try
        {
            bool added = false;
            _handle.DangerousAddRef(ref added);
            use = new DescriptorUse(_handle);
            return true;
        }
        catch (ObjectDisposedException)
        {
            use = default;
            return false;
        }
    }

    /// <summary>A reference held on the descriptor for the length of one call.</summary>
    private readonly struct DescriptorUse(DeviceHandle handle) : IDisposable
    {
        public int Fd => (int)handle.DangerousGetHandle();

        public void Dispose() => handle.DangerousRelease();
    }
}
