using Microsoft.Win32.SafeHandles;

namespace Erofs.Storage;

/// <summary>An <see cref="IBlockSource"/> over a file, read with pread (<see cref="RandomAccess"/>).</summary>
public sealed class FileBlockSource : IBlockSource
{
    private readonly SafeFileHandle _handle;

    /// <summary>Opens <paramref name="path"/> read-only.</summary>
    public FileBlockSource(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Length = RandomAccess.GetLength(_handle);
        if (Length == 0)
            Length = Math.Max(0, DeviceLength(_handle));
        Path = path;
    }

    /// <summary>fstat gives 0 for block devices; seeking to the end gives their size.</summary>
    private static long DeviceLength(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Interop.Libc.Lseek((int)handle.DangerousGetHandle(), 0, Interop.Libc.SeekEnd);
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>The path this source was opened from.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public void Read(long offset, Span<byte> buffer)
    {
        BlockSourceBounds.Check(offset, buffer.Length, Length);
        while (!buffer.IsEmpty)
        {
            int n = RandomAccess.Read(_handle, buffer, offset);
            if (n <= 0)
                throw new EndOfStreamException($"{Path}: file shrank while reading at offset {offset}");
            buffer = buffer[n..];
            offset += n;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
