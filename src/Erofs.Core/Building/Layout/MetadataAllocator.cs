using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// Places inodes (with their xattrs, chunk tables and inline tails) in the metadata area, 32-byte
/// aligned, in the order asked (breadth-first, so siblings stay close). Space skipped to keep an
/// inline tail inside one block becomes a hole that later, smaller inodes fill (best fit by size).
/// Deterministic: the same sequence of requests gives the same offsets.
/// </summary>
internal sealed class MetadataAllocator
{
    private const int Slot = InodeFields.SlotSize;
    private readonly int _blockSize;
    private readonly Queue<long>[] _holesBySlots;
    private long _cursor;

    public MetadataAllocator(int blockSize, long start)
    {
        _blockSize = blockSize;
        _holesBySlots = new Queue<long>[blockSize / Slot + 1];
        for (int i = 0; i < _holesBySlots.Length; i++)
            _holesBySlots[i] = new Queue<long>();
        _cursor = ChunkMapper.AlignUp(start, Slot);
    }

    /// <summary>First byte after everything placed so far.</summary>
    public long End => _cursor;

    /// <summary>
    /// Returns the offset for an item of <paramref name="headSize"/> bytes (inode, xattrs, chunk table)
    /// followed by an inline tail of <paramref name="tailLength"/> bytes. Only the tail must stay inside
    /// one block (the kernel reads an inode or xattrs across a block boundary, not inline data), so
    /// when the tail would cross the next boundary the item is moved just far enough for the tail to
    /// start on it, and the skipped bytes become a hole.
    /// </summary>
    public long Place(int headSize, int tailLength)
    {
        int slots = (int)(ChunkMapper.AlignUp(headSize + tailLength, Slot) / Slot);
        if (slots < _holesBySlots.Length && TakeHole(slots) is long fromHole)
            return fromHole;
        if (tailLength > 0 && !TailFits(_cursor + headSize, tailLength))
        {
            long at = TailStartingPosition(headSize, tailLength);
            AddHole(_cursor, (int)((at - _cursor) / Slot));
            _cursor = at;
        }
        long placed = _cursor;
        _cursor += (long)slots * Slot;
        return placed;
    }

    /// <summary>The first position after the cursor where the inline tail stays inside one block.</summary>
    private long TailStartingPosition(int headSize, int tailLength)
    {
        long boundary = ChunkMapper.AlignUp(_cursor + 1, _blockSize);
        long at = Math.Max(_cursor, ChunkMapper.AlignUp(boundary - headSize, Slot));
        if (!TailFits(at + headSize, tailLength))
            at = boundary;
        if (TailFits(at + headSize, tailLength))
            return at;
        // A head longer than the room left: start the tail just past the boundary after its current start.
        at = ChunkMapper.AlignUp(ChunkMapper.AlignUp(at + headSize + 1, _blockSize) - headSize, Slot);
        return TailFits(at + headSize, tailLength) ? at
            : throw new InvalidOperationException($"an inline tail of {tailLength} bytes after {headSize} bytes cannot be placed in one block");
    }

    private bool TailFits(long tailStart, int tailLength) => tailStart % _blockSize + tailLength <= _blockSize;

    private long? TakeHole(int slots)
    {
        for (int size = slots; size < _holesBySlots.Length; size++)
        {
            if (_holesBySlots[size].Count == 0)
                continue;
            long at = _holesBySlots[size].Dequeue();
            AddHole(at + (long)slots * Slot, size - slots);
            return at;
        }
        return null;
    }

    /// <summary>Records free space; a hole never spans a block boundary, so anything placed wholly inside it is safe.</summary>
    private void AddHole(long at, int slots)
    {
        while (slots > 0)
        {
            long blockEnd = ChunkMapper.AlignUp(at + 1, _blockSize);
            int inBlock = (int)Math.Min(slots, (blockEnd - at) / Slot);
            _holesBySlots[inBlock].Enqueue(at);
            at += (long)inBlock * Slot;
            slots -= inBlock;
        }
    }

}
