using Erofs.Building.Compressed;
using Erofs.Compression;

namespace Erofs.Building.Compressing;

/// <summary>
/// A regular file after compression: its segments in file order, which of its extents reuse another file's
/// pcluster (dedupe), what it occupies, and the <see cref="CompressedFileMap"/> it gets once blocks are placed.
/// </summary>
internal sealed class CompressedFile(long size, int compressor, CompressionAlgorithm algorithm, int segmentCount, int pclusterBytes)
{
    private PlannedExtent[]? _extents;
    private ExtentSource[]? _sources;
    private (CompressedFile File, int Extent)?[]? _sharedFrom;
    private long[]? _ownedOffsets;

    public long Size { get; } = size;
    /// <summary>Index of the <c>-z</c> entry that compressed it.</summary>
    public int Compressor { get; } = compressor;
    public CompressionAlgorithm Algorithm { get; } = algorithm;
    /// <summary>Largest pcluster of this file in bytes.</summary>
    public int PclusterBytes { get; } = pclusterBytes;
    public CompressedSegment[] Segments { get; } = new CompressedSegment[segmentCount];

    /// <summary>The extents of all segments, in file order.</summary>
    public PlannedExtent[] Extents => _extents ??= Flatten();
    /// <summary>The last extent is stored inline (ztailpacking) and not moved to a block by <see cref="MoveTailToBlock"/>.</summary>
    public bool HasInlineTail => Segments[^1].Tail is not null && !TailInBlock;
    /// <summary>The inline tail could not be placed and goes to one block after the others.</summary>
    public bool TailInBlock { get; private set; }
    public int InlineSize => HasInlineTail ? Segments[^1].Tail!.Length : 0;
    /// <summary>Some extents reuse pclusters stored by other extents (the file needs full indexes).</summary>
    public bool HasSharedExtents => _sharedFrom is not null && _sharedFrom.Any(s => s is not null);
    /// <summary>Another file's extents point into this one's blocks: it must stay compressed.</summary>
    public bool IsDedupeOrigin { get; set; }
    /// <summary>First block of the file's own pclusters, once placed.</summary>
    public uint FirstBlock { get; set; }
    /// <summary>File offset from which the rest of the file is a fragment in the packed inode, or null.</summary>
    public long? FragmentStart { get; set; }
    /// <summary>Where the fragment's bytes start in the packed inode's content, once packed.</summary>
    public ulong FragmentOffset { get; set; }
    /// <summary>The file ends with a fragment.</summary>
    public bool HasFragment => FragmentStart is not null;
    /// <summary>The whole file is one fragment (no extents, no indexes: the 16-byte form).</summary>
    public bool IsWholeFragment => FragmentStart == 0;
    /// <summary>Bytes of the fragment (0 without one).</summary>
    public long FragmentLength => FragmentStart is { } start ? Size - start : 0;

    /// <summary>Blocks of the file's own pclusters (i_u): not inline, not shared.</summary>
    public long OwnedBlocks => OwnedOffsets[^1] + (TailInBlock ? 1 : 0);

    /// <summary>A file kept whole in the packed inode (<c>-E all-fragments</c>): no pclusters of its own.</summary>
    public static CompressedFile WholeFragment(long size, int compressor, CompressionAlgorithm algorithm, int pclusterBytes)
    {
        var file = new CompressedFile(size, compressor, algorithm, 1, pclusterBytes) { FragmentStart = 0 };
        file.Segments[0] = new CompressedSegment([], default, null);
        return file;
    }

    /// <summary>Turns the inline tail into a one-block pcluster (right-aligned when compressed) after the others.</summary>
    public void MoveTailToBlock() => TailInBlock = Segments[^1].Tail is not null;

    /// <summary>Makes extent <paramref name="index"/> reuse <paramref name="origin"/>'s extent <paramref name="originIndex"/>.</summary>
    public void Share(int index, CompressedFile origin, int originIndex)
    {
        _sharedFrom ??= new (CompressedFile, int)?[Extents.Length];
        _sharedFrom[index] = (origin, originIndex);
        _ownedOffsets = null;
        origin.IsDedupeOrigin = true;
    }

    public bool IsShared(int index) => _sharedFrom?[index] is not null;

    /// <summary>Where extent <paramref name="index"/>'s pcluster sits in its segment's spooled data, in blocks.</summary>
    public ExtentSource SourceOf(int index) => (_sources ??= Sources())[index];

    /// <summary>First block of extent <paramref name="index"/>, an own one, once <see cref="FirstBlock"/> is set.</summary>
    public uint BlockOf(int index) => checked(FirstBlock + (uint)OwnedOffsets[index]);

    /// <summary>The tail's block when <see cref="TailInBlock"/>: compressed data right-aligned, raw data from the start.</summary>
    public byte[] TailBlock(int blockSize)
    {
        byte[] tail = Segments[^1].Tail!;
        var block = new byte[blockSize];
        bool raw = Extents[^1].Format == PclusterFormat.Uncompressed;
        tail.CopyTo(block.AsSpan(raw ? 0 : blockSize - tail.Length));
        return block;
    }

    /// <summary>The map with the file's own blocks counted from <see cref="FirstBlock"/>, in file order.</summary>
    public CompressedFileMap ToMap()
    {
        var extents = new List<CompressedExtent>(Extents.Length);
        for (int i = 0; i < Extents.Length; i++)
        {
            var e = Extents[i];
            if (_sharedFrom?[i] is var (origin, at))
                extents.Add(CompressedExtent.Reference(e.Start, e.Length, e.Format, origin.BlockOf(at), e.Blocks, partial: false));
            else if (e.IsInline && !TailInBlock)
                extents.Add(CompressedExtent.Inline(e.Start, e.Length, e.Format, Segments[^1].Tail!.Length));
            else
                extents.Add(CompressedExtent.InBlocks(e.Start, e.Length, e.Format, BlockOf(i), e.IsInline ? 1 : e.Blocks));
        }
        if (FragmentStart is { } start)
            extents.Add(CompressedExtent.Fragment(start, Size - start, FragmentOffset));
        return new CompressedFileMap { Size = Size, Extents = extents, FirstBlock = FirstBlock, Head1Algorithm = Algorithm };
    }

    /// <summary>Own blocks before each extent (one more entry: the total before the moved tail).</summary>
    private long[] OwnedOffsets => _ownedOffsets ??= ComputeOwnedOffsets();

    private long[] ComputeOwnedOffsets()
    {
        var offsets = new long[Extents.Length + 1];
        for (int i = 0; i < Extents.Length; i++)
            offsets[i + 1] = offsets[i] + (IsShared(i) ? 0 : Extents[i].Blocks);
        return offsets;
    }

    private PlannedExtent[] Flatten() => [.. Segments.SelectMany(s => s.Extents)];

    private ExtentSource[] Sources()
    {
        var sources = new List<ExtentSource>(Extents.Length);
        for (int s = 0; s < Segments.Length; s++)
        {
            int block = 0;
            foreach (var e in Segments[s].Extents)
            {
                sources.Add(new ExtentSource(Segments[s], block));
                block += e.Blocks;
            }
        }
        return [.. sources];
    }
}

/// <summary>An extent's pcluster in the spool: its segment and the block it starts at in the segment's data.</summary>
internal readonly record struct ExtentSource(CompressedSegment Segment, int Block);
