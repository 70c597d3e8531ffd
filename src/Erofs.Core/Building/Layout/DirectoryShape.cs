namespace Erofs.Building.Layout;

/// <summary>
/// How a directory's entries (sorted, with "." and "..") split into blocks: each block is
/// self-contained; the last one may be partial (and then inline when it fits).
/// </summary>
internal sealed class DirectoryShape(List<DirectoryChild> entries, List<int> blockStarts, List<int> blockSizes)
{
    /// <summary>All entries in on-disk order, "." and ".." included.</summary>
    public List<DirectoryChild> Entries { get; } = entries;
    /// <summary>Index of the first entry of each block.</summary>
    public List<int> BlockStarts { get; } = blockStarts;
    /// <summary>Bytes used in each block.</summary>
    public List<int> BlockSizes { get; } = blockSizes;
    /// <summary>i_size: whole blocks plus the used part of the last.</summary>
    public ulong Size(int blockSize) => (ulong)(BlockSizes.Count - 1) * (ulong)blockSize + (ulong)BlockSizes[^1];
}
