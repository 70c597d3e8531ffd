using System.Runtime.InteropServices;
using Erofs.Building.Source;
using Erofs.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Scanning;

/// <summary>
/// A regular file found by a directory scan. It is opened by path only when read, and must still
/// be the same file (device, inode) with the size the scan saw.
/// </summary>
internal sealed class ScannedFileContent : IFileContent
{
    private readonly byte[] _directory; // the parent's path; shared by all its files
    private readonly byte[] _name;
    private readonly FileIdentity _identity;

    internal ScannedFileContent(byte[] directory, byte[] name, long length, FileIdentity identity)
    {
        _directory = directory;
        _name = name;
        Length = length;
        _identity = identity;
    }

    /// <inheritdoc/>
    public long Length { get; }

    /// <inheritdoc/>
    public IReadOnlyList<DataRange>? DataRanges => null;

    /// <summary>The file's path bytes (no NUL).</summary>
    internal byte[] Path => ScanPaths.Join(_directory, _name);

    /// <inheritdoc/>
    /// <exception cref="IOException">The file cannot be opened, or changed since the scan.</exception>
    public IContentReader Open()
    {
        var path = Path;
        var handle = OpenReadOnly(path);
        try
        {
            CheckUnchanged(handle, path);
            return new ScannedFileReader(handle, path, Length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static unsafe SafeFileHandle OpenReadOnly(byte[] path)
    {
        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated, 0);
        const int Flags = Libc.OpenReadOnly | Libc.OpenCloseOnExec | Libc.OpenNonBlock;
        int fd;
        fixed (byte* p = terminated)
        {
            fd = Libc.Open(p, Flags | Libc.OpenNoAtime, 0);
            // O_NOATIME is refused (EPERM) on files the caller does not own; read them anyway.
            if (fd < 0 && Marshal.GetLastPInvokeError() == Errno.EPERM)
                fd = Libc.Open(p, Flags, 0);
        }
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot open '{ScanPaths.Display(path)}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private unsafe void CheckUnchanged(SafeFileHandle handle, byte[] path)
    {
        StatxBuffer st;
        byte empty = 0;
        if (Libc.Statx((int)handle.DangerousGetHandle(), &empty, Libc.AtEmptyPath, Libc.StatxBasicStats, &st) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot stat '{ScanPaths.Display(path)}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        if ((st.Mode & 0xF000) != 0x8000 || new FileIdentity(st.DevMajor, st.DevMinor, st.Ino) != _identity)
            throw new IOException($"'{ScanPaths.Display(path)}' was replaced by another file since the scan");
        if ((long)st.Size != Length)
            throw new IOException($"'{ScanPaths.Display(path)}' changed size since the scan: {Length} bytes then, {st.Size} now");
    }
}
