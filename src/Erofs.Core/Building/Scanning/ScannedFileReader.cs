using Erofs.Building.Source;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Scanning;

/// <summary>Positional reads (pread) of one open scanned file, which must not end before its scanned length.</summary>
internal sealed class ScannedFileReader : IContentReader
{
    private readonly SafeFileHandle _handle;
    private readonly byte[] _path;
    private readonly long _length;

    internal ScannedFileReader(SafeFileHandle handle, byte[] path, long length)
    {
        _handle = handle;
        _path = path;
        _length = length;
    }

    /// <inheritdoc/>
    public void ReadExactly(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset > _length - buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"Reading {buffer.Length} bytes at offset {offset} of '{ScanPaths.Display(_path)}' passes its length {_length}");
        while (!buffer.IsEmpty)
        {
            int read = ReadAt(offset, buffer);
            if (read == 0)
                throw new IOException(
                    $"'{ScanPaths.Display(_path)}' ends at byte {offset}, before its scanned length {_length}: it shrank since the scan");
            buffer = buffer[read..];
            offset += read;
        }
    }

    private int ReadAt(long offset, Span<byte> buffer)
    {
        try
        {
            return RandomAccess.Read(_handle, buffer, offset);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot read '{ScanPaths.Display(_path)}' at offset {offset}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
