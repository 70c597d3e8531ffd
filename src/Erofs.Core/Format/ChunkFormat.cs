namespace Erofs.Format;

/// <summary>Chunk-based layout constants (<c>EROFS_CHUNK_FORMAT_*</c>, <c>struct erofs_inode_chunk_index</c>).</summary>
public static class ChunkFormat
{
    /// <summary>Bits 0-4: chunkbits minus blkszbits.</summary>
    public const ushort BlockBitsMask = 0x1F;
    /// <summary>Bit 5: 8-byte chunk indexes instead of a 4-byte block map.</summary>
    public const ushort Indexes = 0x20;
    /// <summary>Bit 6: 48-bit start blocks in chunk indexes.</summary>
    public const ushort Layout48Bit = 0x40;
    /// <summary>Every defined bit.</summary>
    public const ushort All = 0x7F;
    /// <summary>Size of a block map entry.</summary>
    public const int BlockMapEntrySize = 4;
    /// <summary>Size of a chunk index: startblk_hi (2), device_id (2), startblk_lo (4).</summary>
    public const int IndexEntrySize = 8;
    /// <summary>Offset of startblk_hi in a chunk index.</summary>
    public const int IndexStartBlockHi = 0;
    /// <summary>Offset of device_id in a chunk index.</summary>
    public const int IndexDeviceId = 2;
    /// <summary>Offset of startblk_lo in a chunk index.</summary>
    public const int IndexStartBlockLo = 4;
    /// <summary>EROFS_NULL_ADDR: a hole (32-bit form).</summary>
    public const uint NullAddress = 0xFFFFFFFF;
}
