using Erofs.Fuse.Abi;
using Erofs.Fuse.Interop;

namespace Erofs.Fuse.Protocol;

/// <summary>One open descriptor of /dev/fuse: the session's own, or a clone attached to the same connection.</summary>
internal sealed unsafe class FuseDevice : IDisposable
{
    /// <summary>The FUSE device node.</summary>
    public const string Path = "/dev/fuse";

    private int _fd;

    private FuseDevice(int fd) => _fd = fd;

    /// <summary>The descriptor (-1 once closed).</summary>
    public int Fd => _fd;

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
        uint source = (uint)_fd;
        if (Libc.Ioctl(clone.Fd, DeviceIoctl.Clone, &source) != 0)
        {
            int errno = LastError.Errno;
            clone.Dispose();
            throw LastError.Exception("FUSE_DEV_IOC_CLONE on", Path, errno);
        }
        return clone;
    }

    /// <summary>Reads one request; returns its length, or -errno.</summary>
    public int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Libc.Read(_fd, p, (nuint)buffer.Length);
            return n >= 0 ? (int)n : -LastError.Errno;
        }
    }

    /// <summary>Writes one reply; returns 0 or errno.</summary>
    public int Write(ReadOnlySpan<byte> reply)
    {
        fixed (byte* p = reply)
        {
            nint n = Libc.Write(_fd, p, (nuint)reply.Length);
            return n >= 0 ? 0 : LastError.Errno;
        }
    }

    /// <summary>FUSE_DEV_IOC_BACKING_OPEN: registers <paramref name="fd"/> as a passthrough backing file; returns its id.</summary>
    public int OpenBacking(int fd)
    {
        var map = new BackingMap { Fd = fd };
        int id = Libc.Ioctl(_fd, DeviceIoctl.BackingOpen, &map);
        if (id < 0)
            throw LastError.Exception("FUSE_DEV_IOC_BACKING_OPEN of descriptor", fd.ToString(System.Globalization.CultureInfo.InvariantCulture), LastError.Errno);
        return id;
    }

    /// <summary>FUSE_DEV_IOC_BACKING_CLOSE: drops the registration (open files keep their backing file).</summary>
    public void CloseBacking(int id)
    {
        uint value = (uint)id;
        if (Libc.Ioctl(_fd, DeviceIoctl.BackingClose, &value) != 0)
            throw LastError.Exception("FUSE_DEV_IOC_BACKING_CLOSE of backing id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), LastError.Errno);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            Libc.Close(fd);
    }
}
