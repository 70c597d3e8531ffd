using System.Runtime.InteropServices;

namespace Erofs.Storage;

/// <summary>
/// A bounded least-recently-used cache of fixed-size, aligned units in front of another source, for a
/// source that bypasses the page cache (O_DIRECT): small reads (inodes, dirents, xattrs, inline tails)
/// cost a memory copy once their unit is loaded, and the memory used never exceeds the capacity given.
/// Reads larger than one unit go straight to the inner source (file data is cached elsewhere, e.g. in
/// the kernel's page cache of the file being served). Thread-safe.
/// </summary>
/// <remarks>
/// Units are loaded into page-aligned native memory at unit-aligned offsets, so an O_DIRECT source
/// can read into them without a bounce buffer. A unit is loaded outside the lock; two threads missing
/// the same unit at once may both load it (the second copy is dropped).
/// </remarks>
public sealed unsafe class CachedBlockSource : IBlockSource
{
    private const int Alignment = 4096;
    private readonly IBlockSource _inner;
    private readonly int _unitBits;
    private readonly byte* _slab;
    private readonly Slot[] _slots;
    private readonly Dictionary<long, int> _index = [];
    private readonly Stack<int> _free = new();
    private readonly LinkedList<int> _recency = new();
    private int _loading;
    private bool _disposed;

    /// <summary>Caches <paramref name="inner"/> (which it then owns) in units of <paramref name="unitSize"/> bytes, at most <paramref name="capacityBytes"/> in all.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The unit is not a power of two of at least 4096 bytes, or the capacity holds fewer than two units.</exception>
    public CachedBlockSource(IBlockSource inner, int unitSize = 32 << 10, int capacityBytes = 4 << 20)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (unitSize < Alignment || (unitSize & (unitSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(unitSize), unitSize, "the unit must be a power of two of at least 4096 bytes");
        if (capacityBytes / unitSize < 2)
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "the capacity must hold at least two units");
        _inner = inner;
        _unitBits = System.Numerics.BitOperations.Log2((uint)unitSize);
        _slots = new Slot[capacityBytes / unitSize];
        // Untouched pages of the slab cost no memory: it grows as units are loaded, up to the capacity.
        _slab = (byte*)NativeMemory.AlignedAlloc((nuint)_slots.Length << _unitBits, Alignment);
        for (int i = _slots.Length - 1; i >= 0; i--)
            _free.Push(i);
    }

    /// <summary>Bytes per unit.</summary>
    public int UnitSize => 1 << _unitBits;

    /// <summary>Most bytes of units held at once.</summary>
    public long CapacityBytes => (long)_slots.Length << _unitBits;

    /// <summary>Reads answered from a loaded unit, counted per unit touched.</summary>
    public long Hits { get; private set; }

    /// <summary>Units loaded from the inner source.</summary>
    public long Misses { get; private set; }

    /// <summary>Units held right now.</summary>
    public int CachedUnits
    {
        get
        {
            lock (_index)
                return _index.Count;
        }
    }

    /// <inheritdoc />
    public long Length => _inner.Length;

    /// <inheritdoc />
    public void Read(long offset, Span<byte> buffer)
    {
        BlockSourceBounds.Check(offset, buffer.Length, Length);
        if (buffer.Length > UnitSize)
        {
            _inner.Read(offset, buffer);
            return;
        }
        while (!buffer.IsEmpty)
        {
            long unit = offset >> _unitBits;
            int within = (int)(offset & (UnitSize - 1));
            int n = Math.Min(buffer.Length, UnitSize - within);
            CopyFromUnit(unit, within, buffer[..n]);
            buffer = buffer[n..];
            offset += n;
        }
    }

    private void CopyFromUnit(long unit, int within, Span<byte> destination)
    {
        if (TryCopy(unit, within, destination))
            return;
        int slot = TakeSlot();
        if (slot < 0)
        {
            // Every slot is being loaded by another thread: read this piece uncached.
            _inner.Read((unit << _unitBits) + within, destination);
            return;
        }
        try
        {
            Load(unit, slot);
        }
        catch
        {
            Finish(unit, slot, loaded: false);
            throw;
        }
        new ReadOnlySpan<byte>(Data(slot) + within, destination.Length).CopyTo(destination);
        Finish(unit, slot, loaded: true);
    }

    private bool TryCopy(long unit, int within, Span<byte> destination)
    {
        lock (_index)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_index.TryGetValue(unit, out int slot))
                return false;
            Hits++;
            _recency.Remove(_slots[slot].Node!);
            _recency.AddFirst(_slots[slot].Node!);
            new ReadOnlySpan<byte>(Data(slot) + within, destination.Length).CopyTo(destination);
            return true;
        }
    }

    // A slot nobody else can see: a free one, else the least recently used unit's (evicted). -1 when none.
    private int TakeSlot()
    {
        lock (_index)
        {
            if (!_free.TryPop(out int slot))
            {
                if (_recency.Last is not { } oldest)
                    return -1;
                slot = oldest.Value;
                _recency.RemoveLast();
                _index.Remove(_slots[slot].Unit);
                _slots[slot].Node = null;
            }
            _loading++;
            return slot;
        }
    }

    private void Load(long unit, int slot)
    {
        long start = unit << _unitBits;
        int length = (int)Math.Min(UnitSize, Length - start);
        _inner.Read(start, new Span<byte>(Data(slot), length));
    }

    // Makes a loaded slot visible, unless it failed or another thread loaded the same unit meanwhile;
    // the last load to finish after Dispose frees the memory.
    private void Finish(long unit, int slot, bool loaded)
    {
        lock (_index)
        {
            _loading--;
            if (_disposed)
            {
                if (_loading == 0)
                    NativeMemory.AlignedFree(_slab);
                return;
            }
            if (loaded)
                Misses++;
            if (!loaded || _index.ContainsKey(unit))
            {
                _free.Push(slot);
                return;
            }
            _index[unit] = slot;
            _slots[slot].Unit = unit;
            _slots[slot].Node = _recency.AddFirst(slot);
        }
    }

    private byte* Data(int slot) => _slab + ((nint)slot << _unitBits);

    /// <summary>Frees the units and disposes the inner source.</summary>
    public void Dispose()
    {
        lock (_index)
        {
            if (_disposed)
                return;
            _disposed = true;
            _index.Clear();
            _recency.Clear();
            if (_loading == 0)
                NativeMemory.AlignedFree(_slab);
        }
        _inner.Dispose();
    }

    private struct Slot
    {
        public long Unit;
        public LinkedListNode<int>? Node;
    }
}
