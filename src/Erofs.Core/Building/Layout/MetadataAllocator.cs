using Erofs.Format;

namespace Erofs.Building.Layout;

/// <summary>
/// Places inodes (with their xattrs, chunk tables and inline tails) in the metadata area, 32-byte
/// aligned. An inode with an inline tail must sit inside one block; when it does not fit at the
/// cursor, the rest of that block becomes a hole that later, smaller inodes fill (best fit by size).
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
        _cursor = RoundUp(start, Slot);
    }

    /// <summary>First byte after everything placed so far.</summary>
    public long End => _cursor;

    /// <summary>Returns the offset for an item of <paramref name="size"/> bytes.</summary>
    // withinOneBlock: The item must not cross a block boundary (it has an inline tail).
    public long Place(int size, bool withinOneBlock)
    {
        int slots = (int)(RoundUp(size, Slot) / Slot);
        if (slots < _holesBySlots.Length && TakeHole(slots) is long fromHole)
            return fromHole;
        long blockEnd = RoundUp(_cursor + 1, _blockSize);
        if (withinOneBlock && _cursor + (long)slots * Slot > blockEnd)
        {
            AddHole(_cursor, (int)((blockEnd - _cursor) / Slot));
            _cursor = blockEnd;
        }
        long at = _cursor;
        _cursor += (long)slots * Slot;
        return at;
    }

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

    private void AddHole(long at, int slots)
    {
        if (slots > 0)
            _holesBySlots[slots].Enqueue(at);
    }

    private static long RoundUp(long value, long unit) => (value + unit - 1) / unit * unit;
}
