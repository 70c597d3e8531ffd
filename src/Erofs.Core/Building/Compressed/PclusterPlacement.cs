namespace Erofs.Building.Compressed;

/// <summary>Where the stored bytes of a pcluster live.</summary>
internal enum PclusterPlacement : byte
{
    /// <summary>Whole blocks of the primary device (right-aligned when compressed: 0padding).</summary>
    Blocks,
    /// <summary>Inline right after the index area, in the inode's metadata block (ztailpacking; tail only).</summary>
    Inline,
    /// <summary>A byte range of the packed inode's content (fragments; tail only).</summary>
    Fragment,
}
