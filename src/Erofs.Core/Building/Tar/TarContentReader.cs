using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>Positional reads of one file inside the archive; bytes outside every run are zeros.</summary>
internal sealed class TarContentReader(TarSource source, LocatedRange[] locations, long length) : IContentReader
{
    private bool _disposed;

    /// <inheritdoc/>
    public void ReadExactly(long offset, Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, length - buffer.Length);
        long end = offset + buffer.Length;
        int index = FirstRunEndingAfter(offset);
        long filled = offset; // everything before this logical offset is written
        for (; index < locations.Length && locations[index].LogicalOffset < end; index++)
        {
            var run = locations[index];
            long start = Math.Max(run.LogicalOffset, offset);
            long stop = Math.Min(run.LogicalOffset + run.Length, end);
            buffer[(int)(filled - offset)..(int)(start - offset)].Clear();
            source.ReadExactly(run.ArchiveOffset + (start - run.LogicalOffset), buffer[(int)(start - offset)..(int)(stop - offset)]);
            filled = stop;
        }
        buffer[(int)(filled - offset)..].Clear();
    }

    private int FirstRunEndingAfter(long offset)
    {
        int low = 0, high = locations.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            var run = locations[middle];
            if (run.LogicalOffset + run.Length <= offset)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <inheritdoc/>
    public void Dispose() => _disposed = true;
}
