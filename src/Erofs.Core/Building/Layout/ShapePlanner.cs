using System.Numerics;
using Erofs.Building.Compressed;
using Erofs.Building.Compressing;
using Erofs.Building.Source;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// Chooses each inode's form (compact or extended) and data layout: flat with or without an inline
/// tail, chunk-based, or (index mode) flat or chunked addresses inside the archive device.
/// </summary>
internal sealed class ShapePlanner(BuildOptions options, ImageTime time, CompressionSetup? compression = null)
{
    private readonly int _blockSize = options.BlockSize;

    public void Shape(InodePlan inode)
    {
        if (inode.Kind == FileKind.Directory)
        {
            inode.Directory = ShapeDirectory(inode);
            inode.Size = inode.Directory.Size(_blockSize);
        }
        inode.Extended = NeedsExtended(inode);
        switch (inode.Kind)
        {
            case FileKind.Regular:
                ShapeRegular(inode);
                break;
            case FileKind.Directory:
            case FileKind.Symlink:
                ShapeFlat(inode, allowInline: true);
                break;
            default:
                inode.Layout = InodeLayout.FlatPlain;
                break;
        }
    }

    private bool NeedsExtended(InodePlan inode)
    {
        if (options.InodeForm == InodeFormPolicy.ForceExtended)
            return true;
        bool mtimeMatters = options.InodeForm != InodeFormPolicy.ForceCompact && !options.IgnoreMtime;
        return inode.Size > uint.MaxValue || inode.Uid > ushort.MaxValue || inode.Gid > ushort.MaxValue
            || inode.Nlink > ushort.MaxValue
            || (mtimeMatters && !time.IsImageTime(inode.MtimeSeconds, inode.MtimeNanoseconds));
    }

    private void ShapeRegular(InodePlan inode)
    {
        if (inode.Size == 0)
        {
            inode.Layout = InodeLayout.FlatPlain;
            inode.StartBlock = 0;
            return;
        }
        if (inode.SizeOnly is not null)
            ShapeHolesOnly(inode);
        else if (inode.Compressed is { } compressed)
            ShapeCompressed(inode, compressed);
        else if (options.IndexedArchivePath is not null)
            ShapeIndexed(inode);
        else if (options.ChunkSize > 0)
            ShapeChunked(inode, BitOperations.Log2((ulong)options.ChunkSize));
        else
            ShapeFlat(inode, options.InlineData);
    }

    private void ShapeFlat(InodePlan inode, bool allowInline)
    {
        int tail = (int)(inode.Size % (ulong)_blockSize);
        bool inline = allowInline && tail > 0 && inode.InodeSize + inode.XattrSize + tail <= _blockSize;
        inode.Layout = inline ? InodeLayout.FlatInline : InodeLayout.FlatPlain;
        inode.TailLength = inline ? tail : 0;
        inode.DataBlocks = (long)(inode.Size / (ulong)_blockSize) + (inline || tail == 0 ? 0 : 1);
    }

    /// <summary>
    /// Compressed layout with compact or full indexes, unless compression saves nothing (pclusters, inline tail
    /// and indexes not smaller than the file, mkfs.erofs's rule): then the file is stored flat. A file with a
    /// fragment always stays compressed (its fragment is already in the packed inode).
    /// </summary>
    private void ShapeCompressed(InodePlan inode, CompressedFile file)
    {
        if (file.IsWholeFragment)
        {
            // The 16-byte whole-file form: full layout, no indexes, no blocks.
            SetCompressed(inode, file, new ZIndexFormat(options.BlockSizeBits, InodeLayout.CompressedFull, compression!.HasConfigRecords), ZIndexSize.WholeFileFragment);
            return;
        }
        // Compact indexes hold 32-bit fragment offsets; full ones carry the high bits in the tail HEAD.
        bool full = compression!.Options.LegacyIndexes || file.HasSharedExtents || file.FragmentOffset > uint.MaxValue;
        var layout = full ? InodeLayout.CompressedFull : InodeLayout.CompressedCompact;
        var format = new ZIndexFormat(options.BlockSizeBits, layout, compression.HasConfigRecords);
        int inodeAndXattrs = inode.InodeSize + inode.XattrSize;
        int index = ZIndexSize.Of(format, (long)inode.Size, inodeAndXattrs);
        int head = ZIndexSize.HeaderOffset(inodeAndXattrs) + index;
        // The allocator can start an inline tail no earlier than head % 32 bytes into a block.
        if (file.HasInlineTail && head % InodeFields.SlotSize + file.InlineSize > _blockSize)
            file.MoveTailToBlock();
        if (!file.IsDedupeOrigin && !file.HasFragment && file.OwnedBlocks * _blockSize + file.InlineSize + index >= (long)inode.Size)
        {
            inode.Compressed = null;
            ShapeFlat(inode, options.InlineData);
            return;
        }
        SetCompressed(inode, file, format, index);
    }

    private static void SetCompressed(InodePlan inode, CompressedFile file, ZIndexFormat format, int indexBytes)
    {
        inode.Layout = format.Layout;
        inode.ZFormat = format;
        inode.ZIndexBytes = indexBytes;
        inode.TailLength = file.InlineSize;
        inode.DataBlocks = file.OwnedBlocks;
    }

    private void ShapeChunked(InodePlan inode, int chunkBits)
    {
        long count = (long)((inode.Size + (1UL << chunkBits) - 1) >> chunkBits);
        bool indexes = !options.ForceInodeBlockmap && (options.ForceChunkIndexes || options.BlobDevicePath is not null);
        inode.Layout = InodeLayout.ChunkBased;
        inode.Chunks = new ChunkTable(chunkBits, options.BlockSizeBits, count, indexes);
    }

    /// <summary>
    /// A size-only file: chunk-based with every entry a hole (the kernel maps no hole in flat layouts),
    /// chunks as large as the format allows (block size &lt;&lt; 31), so a file under 8 TiB (4 KiB blocks)
    /// costs one 4-byte block map entry and no data blocks. decisions/0006.
    /// </summary>
    private void ShapeHolesOnly(InodePlan inode)
    {
        int chunkBits = options.BlockSizeBits + ChunkFormat.BlockBitsMask;
        long count = (long)((inode.Size + (1UL << chunkBits) - 1) >> chunkBits);
        bool indexes = options.ForceChunkIndexes && !options.ForceInodeBlockmap;
        inode.Layout = InodeLayout.ChunkBased;
        inode.Chunks = new ChunkTable(chunkBits, options.BlockSizeBits, count, indexes);
        Array.Fill(inode.Chunks.Entries, (ChunkFormat.NullAddress, (ushort)0));
    }

    /// <summary>
    /// Index mode: dense data is one run in the archive (a flat inode addressing the archive
    /// device); sparse data becomes chunks as large as the runs' alignment allows, holes as null entries.
    /// </summary>
    private void ShapeIndexed(InodePlan inode)
    {
        if (inode.Node.Content is not ILocatedContent located)
            throw new InvalidSourceException($"{inode.Path}: index mode needs file data stored in the archive");
        foreach (var run in located.Locations)
            if (run.ArchiveOffset % _blockSize != 0 || (run.LogicalOffset % _blockSize != 0 && run.Length > 0))
                throw new InvalidSourceException($"{inode.Path}: data at archive offset {run.ArchiveOffset} is not {_blockSize}-byte aligned and cannot be indexed");
        if (located.DataRanges is null)
        {
            inode.Layout = InodeLayout.FlatPlain;
            return;
        }
        ShapeChunked(inode, SparseChunkBits(located.Locations, (long)inode.Size));
    }

    /// <summary>The largest chunk size at which every data run starts and ends on a chunk boundary.</summary>
    private int SparseChunkBits(IReadOnlyList<LocatedRange> runs, long size)
    {
        int bits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((ulong)size));
        foreach (var run in runs.Where(r => r.Length > 0))
        {
            bits = Math.Min(bits, BitOperations.TrailingZeroCount(run.LogicalOffset | (1L << 62)));
            long end = run.LogicalOffset + run.Length;
            if (end < size)
                bits = Math.Min(bits, BitOperations.TrailingZeroCount(end));
        }
        return Math.Clamp(bits, options.BlockSizeBits, options.BlockSizeBits + (int)ChunkFormat.BlockBitsMask);
    }

    private DirectoryShape ShapeDirectory(InodePlan dir)
    {
        var entries = new List<DirectoryChild>(dir.Children.Count + 2)
        {
            new("."u8.ToArray(), dir),
            new(".."u8.ToArray(), dir.Parent ?? dir),
        };
        entries.AddRange(dir.Children);
        entries.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        var starts = new List<int> { 0 };
        var sizes = new List<int> { 0 };
        for (int i = 0; i < entries.Count; i++)
        {
            int need = Dirent.Size + entries[i].Name.Length;
            if (sizes[^1] + need > _blockSize)
            {
                starts.Add(i);
                sizes.Add(0);
            }
            sizes[^1] += need;
        }
        return new DirectoryShape(entries, starts, sizes);
    }
}
