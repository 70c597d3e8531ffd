namespace Erofs.Building;

/// <summary>What a build produced.</summary>
/// <param name="Inodes">Number of inodes written.</param>
/// <param name="Blocks">Blocks of the primary image.</param>
/// <param name="BlockSize">Block size in bytes.</param>
/// <param name="BlobBlocks">Blocks written to the blob device (0 without one).</param>
public sealed record BuildResult(long Inodes, ulong Blocks, int BlockSize, ulong BlobBlocks)
{
    /// <summary>Size of the image file in bytes.</summary>
    public ulong ImageBytes => Blocks * (ulong)BlockSize;
}
