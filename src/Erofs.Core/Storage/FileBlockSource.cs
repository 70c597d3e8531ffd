using Microsoft.Win32.SafeHandles;

namespace Erofs.Storage;

/// <summary>An <see cref="IBlockSource"/> over a file, read with pread (<see cref="RandomAccess"/>).</summary>
public sealed class FileBlockSource : IBlockSource
{
    private readonly SafeFileHandle _handle;

    /// <summary>Opens <paramref name="path"/> read-only.</summary>
    public FileBlockSource(string path)
        : this(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read), path)
    {
    }

    /// <summary>
    /// Reads a file the caller opened (and hands over: it is closed with this source), for files that
    /// must be opened by descriptor; <paramref name="path"/> only names it in messages.
    /// </summary>
    public FileBlockSource(SafeFileHandle handle, string path)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
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
