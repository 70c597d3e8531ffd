using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Compressing;

/// <summary>
/// Holds compressed pclusters between compression and their final placement (which needs every inode's size
/// first). The first <c>memoryLimit</c> bytes stay in memory, the rest go to an unlinked file beside the image,
/// so memory stays bounded on large trees. Thread-safe; where a run lands in the spool depends on timing, but
/// the image never does.
/// </summary>
internal sealed class PclusterSpool(string directory, long memoryLimit) : IDisposable
{
    private readonly Lock _lock = new();
    private SafeFileHandle? _file;
    private long _memoryUsed;
    private long _fileEnd;

    public SpoolEntry Add(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return default;
        if (Interlocked.Add(ref _memoryUsed, data.Length) <= memoryLimit)
            return new SpoolEntry(data.ToArray(), 0, data.Length);
        long offset;
        SafeFileHandle file;
        lock (_lock)
        {
            file = _file ??= CreateUnlinked();
            offset = _fileEnd;
            _fileEnd += data.Length;
        }
        RandomAccess.Write(file, data, offset);
        return new SpoolEntry(null, offset, data.Length);
    }

    /// <summary>Reads <paramref name="dest"/>.Length bytes of <paramref name="entry"/> from <paramref name="offset"/> in it.</summary>
    public void Read(SpoolEntry entry, int offset, Span<byte> dest)
    {
        if (entry.Memory is { } memory)
        {
            memory.AsSpan(offset, dest.Length).CopyTo(dest);
            return;
        }
        int read = RandomAccess.Read(_file!, dest, entry.Offset + offset);
        if (read != dest.Length)
            throw new IOException($"the compression spool ended early at offset {entry.Offset + offset + read}");
    }

    public void Dispose() => _file?.Dispose();

    private SafeFileHandle CreateUnlinked()
    {
        string path = Path.Combine(directory, $".erofs-spool.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        File.Delete(path);
        return handle;
    }
}
