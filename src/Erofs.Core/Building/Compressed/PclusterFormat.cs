namespace Erofs.Building.Compressed;

/// <summary>How the bytes of a pcluster are encoded.</summary>
internal enum PclusterFormat : byte
{
    /// <summary>Stored as is (a PLAIN lcluster): shifted, or rotated when the file is interlaced.</summary>
    Uncompressed,
    /// <summary>Compressed with the inode's HEAD1 algorithm (low nibble of h_algorithmtype).</summary>
    Head1,
    /// <summary>Compressed with the inode's HEAD2 algorithm (high nibble; needs INCOMPAT_COMPR_HEAD2).</summary>
    Head2,
}
