using Erofs.Building.Compressed;
using Erofs.Compression;

namespace Erofs.Building.Compressing;

/// <summary>
/// A regular file after compression: its segments in file order, what they occupy, and the
/// <see cref="CompressedFileMap"/> it gets once its first block is known.
/// </summary>
internal sealed class CompressedFile(long size, int compressor, CompressionAlgorithm algorithm, int segmentCount, int pclusterBytes)
{
    public long Size { get; } = size;
    /// <summary>Index of the <c>-z</c> entry that compressed it.</summary>
    public int Compressor { get; } = compressor;
    public CompressionAlgorithm Algorithm { get; } = algorithm;
    /// <summary>Largest pcluster of this file in bytes.</summary>
    public int PclusterBytes { get; } = pclusterBytes;
    public CompressedSegment[] Segments { get; } = new CompressedSegment[segmentCount];

    /// <summary>The last extent is stored inline (ztailpacking) and not moved to a block by <see cref="MoveTailToBlock"/>.</summary>
    public bool HasInlineTail => Segments[^1].Tail is not null && !TailInBlock;
    /// <summary>The inline tail could not be placed and goes to one block after the others.</summary>
    public bool TailInBlock { get; private set; }
    public int InlineSize => HasInlineTail ? Segments[^1].Tail!.Length : 0;
    /// <summary>Blocks of the file's own pclusters (i_u).</summary>
    public long OwnedBlocks => Segments.Sum(s => s.Blocks) + (TailInBlock ? 1 : 0);

    /// <summary>Turns the inline tail into a one-block pcluster (right-aligned when compressed) after the others.</summary>
    public void MoveTailToBlock() => TailInBlock = Segments[^1].Tail is not null;

    /// <summary>The tail's block when <see cref="TailInBlock"/>: compressed data right-aligned, raw data from the start.</summary>
    public byte[] TailBlock(int blockSize)
    {
        byte[] tail = Segments[^1].Tail!;
        var block = new byte[blockSize];
        bool raw = Segments[^1].Extents[^1].Format == PclusterFormat.Uncompressed;
        tail.CopyTo(block.AsSpan(raw ? 0 : blockSize - tail.Length));
        return block;
    }

    /// <summary>The map with block addresses counted from <paramref name="firstBlock"/>, in file order.</summary>
    public CompressedFileMap ToMap(uint firstBlock)
    {
        var extents = new List<CompressedExtent>();
        uint block = firstBlock;
        foreach (var e in Segments.SelectMany(s => s.Extents))
        {
            if (e.IsInline && !TailInBlock)
            {
                extents.Add(CompressedExtent.Inline(e.Start, e.Length, e.Format, Segments[^1].Tail!.Length));
                continue;
            }
            int count = e.IsInline ? 1 : e.Blocks;
            extents.Add(CompressedExtent.InBlocks(e.Start, e.Length, e.Format, block, count));
            block += (uint)count;
        }
        return new CompressedFileMap { Size = Size, Extents = extents, FirstBlock = firstBlock, Head1Algorithm = Algorithm };
    }
}
