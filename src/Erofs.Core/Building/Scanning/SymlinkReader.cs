using System.Runtime.InteropServices;
using Erofs.Interop;

namespace Erofs.Building.Scanning;

/// <summary>Reads symlink targets as raw bytes (readlinkat) through one worker's buffer.</summary>
internal sealed unsafe class SymlinkReader
{
    private const int MaxTarget = 1 << 20;
    private byte[] _buffer = new byte[Libc.PathMax + 1];

    /// <summary>The target of the symlink <paramref name="name"/> in the directory <paramref name="directoryFd"/>.</summary>
    /// <param name="directoryFd">The open directory.</param>
    /// <param name="name">The NUL-terminated entry name.</param>
    /// <param name="path">The full path, for messages.</param>
    internal byte[] Read(int directoryFd, byte* name, ReadOnlySpan<byte> path)
    {
        while (true)
        {
            nint length;
            fixed (byte* buffer = _buffer)
                length = Libc.Readlinkat(directoryFd, name, buffer, (nuint)_buffer.Length);
            if (length < 0)
                throw ScanPaths.Failure("read symbolic link", path, Marshal.GetLastPInvokeError());
            if (length < _buffer.Length)
                return _buffer.AsSpan(0, (int)length).ToArray();
            // A full buffer may be a cut-off target (only on filesystems beyond PATH_MAX): retry larger.
            if (_buffer.Length >= MaxTarget)
                throw new InvalidSourceException($"Symbolic link '{ScanPaths.Display(path)}' has a target over {MaxTarget} bytes");
            _buffer = new byte[_buffer.Length * 2];
        }
    }
}
