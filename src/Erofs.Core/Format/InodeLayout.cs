namespace Erofs.Format;

/// <summary>Data layouts, bits 1-3 of <c>i_format</c> (<c>EROFS_INODE_*</c>).</summary>
public enum InodeLayout : byte
{
    /// <summary>EROFS_INODE_FLAT_PLAIN: contiguous blocks from the start block.</summary>
    FlatPlain = 0,
    /// <summary>EROFS_INODE_COMPRESSED_FULL: compressed, full (8-byte) lcluster indexes or encoded extents.</summary>
    CompressedFull = 1,
    /// <summary>EROFS_INODE_FLAT_INLINE: contiguous blocks plus a tail stored inline after the inode.</summary>
    FlatInline = 2,
    /// <summary>EROFS_INODE_COMPRESSED_COMPACT: compressed, compact (2/4-byte) lcluster indexes.</summary>
    CompressedCompact = 3,
    /// <summary>EROFS_INODE_CHUNK_BASED: a table of chunk addresses.</summary>
    ChunkBased = 4,
}
