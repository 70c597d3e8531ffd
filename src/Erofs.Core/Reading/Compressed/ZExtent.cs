namespace Erofs.Reading.Compressed;

/// <summary>How the bytes of one compressed-inode extent are stored.</summary>
internal enum ZExtentKind
{
    /// <summary>Compressed pcluster on the primary device (or inline for the tail).</summary>
    Compressed,
    /// <summary>Uncompressed, stored from the start of the pcluster.</summary>
    Shifted,
    /// <summary>Uncompressed, rotated inside one block by the extent's block offset.</summary>
    Interlaced,
    /// <summary>Stored in the packed inode at <see cref="ZExtent.PhysicalAddress"/> (the fragment offset).</summary>
    Fragment,
    /// <summary>Nothing stored: reads as zeros (encoded extents with plen 0).</summary>
    Hole,
}

/// <summary>
/// A whole extent of a compressed inode: its logical range (the full decoded length, not just one
/// lcluster), where its pcluster is, and how to decode it.
/// </summary>
/// <param name="LogicalStart">First file byte of the extent.</param>
/// <param name="Length">Decoded length: file bytes the extent covers.</param>
/// <param name="Kind">How the bytes are stored.</param>
/// <param name="Algorithm">Compression algorithm id (Compressed only).</param>
/// <param name="PhysicalAddress">Pcluster byte address (metadata position when inline; packed-inode offset for fragments).</param>
/// <param name="PhysicalLength">Stored bytes of the pcluster.</param>
/// <param name="InMetadata">The pcluster is inline in the inode's metadata (ztailpacking).</param>
/// <param name="Partial">Only a prefix of the pcluster's output belongs to this extent (dedupe).</param>
internal readonly record struct ZExtent(
    long LogicalStart, long Length, ZExtentKind Kind, int Algorithm, long PhysicalAddress, int PhysicalLength, bool InMetadata, bool Partial)
{
    public long LogicalEnd => LogicalStart + Length;
}
