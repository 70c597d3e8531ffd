using Erofs.Format;

namespace Erofs.Building.Layout;

/// <summary>The chunk table of a chunk-based file: its geometry and, after the data pass, its entries.</summary>
internal sealed class ChunkTable(int chunkBits, int blockBits, long count, bool indexes)
{
    public int ChunkBits { get; } = chunkBits;
    public long Count { get; } = count;
    /// <summary>8-byte chunk indexes (with device ids) instead of 4-byte block map entries.</summary>
    public bool Indexes { get; } = indexes;
    public int EntrySize => Indexes ? ChunkFormat.IndexEntrySize : ChunkFormat.BlockMapEntrySize;
    public int TableSize => checked((int)(Count * EntrySize));
    /// <summary>i_u.c.format.</summary>
    public ushort Format => (ushort)((ChunkBits - blockBits) | (Indexes ? ChunkFormat.Indexes : 0));
    /// <summary>Start block of each chunk (null address for holes) and its device id.</summary>
    public (ulong Block, ushort Device)[] Entries { get; } = new (ulong, ushort)[count];

    /// <summary>Offset of the table from the inode start: after inode and xattrs, aligned to the entry size.</summary>
    public int TableOffset(int inodeAndXattrs) => (inodeAndXattrs + EntrySize - 1) / EntrySize * EntrySize;
}
