namespace Erofs.Reading;

/// <summary>
/// Keeps recently read metadata blocks per thread, so walking lcluster indexes, dirents and
/// inodes costs a memory copy instead of a pread per structure. Direct-mapped, lock-free: each
/// thread has its own small table (64 blocks).
/// </summary>
internal sealed class CachedMetadataSpace(MetadataSpace inner, int blockSizeBits) : MetadataSpace
{
    private const int Slots = 64;
    private readonly int _blockSize = 1 << blockSizeBits;
    private readonly ThreadLocal<(long Block, byte[]? Data)[]> _table = new(() => new (long, byte[]?)[Slots]);

    public override long Length => inner.Length;

    public override void Read(long position, Span<byte> buffer, ulong nid)
    {
        if (position < 0 || position > inner.Length || buffer.Length > inner.Length - position)
        {
            inner.Read(position, buffer, nid); // reports the out-of-range read with the inner space's message
            return;
        }
        var table = _table.Value!;
        while (!buffer.IsEmpty)
        {
            long block = position >> blockSizeBits;
            int within = (int)(position & (_blockSize - 1));
            var data = Block(table, block, nid);
            int n = Math.Min(buffer.Length, data.Length - within);
            if (n <= 0)
                throw new ErofsContentException($"metadata read of {buffer.Length} bytes lies outside the image", nid, position);
            data.AsSpan(within, n).CopyTo(buffer);
            buffer = buffer[n..];
            position += n;
        }
    }

    private byte[] Block((long Block, byte[]? Data)[] table, long block, ulong nid)
    {
        ref var slot = ref table[block % Slots];
        if (slot.Data is not null && slot.Block == block)
            return slot.Data;
        long start = block << blockSizeBits;
        int length = (int)Math.Min(_blockSize, inner.Length - start);
        // The slot's array is reused (it is this thread's, and callers copy out of it before the next
        // read): a walk over many inodes would otherwise allocate a block per miss. Invalidated first,
        // so a failed read leaves no slot claiming bytes it does not hold.
        var data = slot.Data is { } old && old.Length == length ? old : new byte[length];
        slot = (-1, null);
        inner.Read(start, data, nid);
        slot = (block, data);
        return data;
    }
}
