using System.Runtime.InteropServices;
using System.Text;
using Erofs.Interop;

namespace Erofs.Extracting;

/// <summary>
/// The extraction target, held open: before anything is created, its parent directory must resolve
/// from the target with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), so neither a symlink the
/// image made nor one already in the target (with overwrite) can lead a write outside it.
/// </summary>
internal sealed class TargetRoot : IDisposable
{
    private const int Enosys = 38;
    private readonly string _path;
    private int _fd;

    public unsafe TargetRoot(string path)
    {
        _path = path;
        fixed (byte* p = Terminated(path))
            _fd = Libc.Open(p, Libc.OpenPath | Libc.OpenDirectory | Libc.OpenCloseOnExec, 0);
        if (_fd < 0)
            throw new IOException($"cannot open target directory '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>Throws <see cref="IOException"/> unless <paramref name="directory"/> is a real directory beneath the target.</summary>
    public unsafe void RequireBeneath(string directory)
    {
        string relative = Path.GetRelativePath(_path, directory);
        if (relative == ".")
            return;
        var how = new Libc.OpenHow
        {
            Flags = (ulong)(Libc.OpenPath | Libc.OpenDirectory | Libc.OpenCloseOnExec),
            Resolve = Libc.ResolveBeneath | Libc.ResolveNoSymlinks | Libc.ResolveNoMagicLinks,
        };
        long fd;
        fixed (byte* p = Terminated(relative))
            fd = Libc.SyscallOpenat2(Libc.SysOpenat2, _fd, p, &how, (nuint)sizeof(Libc.OpenHow));
        if (fd >= 0)
        {
            Libc.Close((int)fd);
            return;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Enosys)
            return; // kernels before 5.6: entries are still only created in directories this extractor made
        throw new IOException($"refusing to write into '{directory}': it is not a directory beneath '{_path}' reached without symlinks ({Marshal.GetPInvokeErrorMessage(errno)})");
    }

    private static byte[] Terminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    public void Dispose()
    {
        if (_fd >= 0)
            Libc.Close(_fd);
        _fd = -1;
    }
}
