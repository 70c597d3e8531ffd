using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Reading.Compressed;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// One compressed inode of a corpus image as the existing reader decodes it: its map header, the
/// on-disk bytes from the header on, and its layout turned into a <see cref="CompressedFileMap"/>
/// (extents from <see cref="CompressedMapper"/>, HEAD types and the first block from <see cref="LclusterIndexReader"/>).
/// </summary>
internal sealed class DiskCompressedInode
{
    private readonly MetadataSpace _space;
    private readonly ZInodeLayout _layout;
    private readonly int _blockBits;

    public DiskCompressedInode(InodeInfo inode, MetadataSpace space, int blockBits)
    {
        Inode = inode;
        _space = space;
        _blockBits = blockBits;
        HeaderPosition = (inode.Location + inode.InodeSize + inode.XattrSize + 7) & ~7L;
        Header = ZMapHeader.Parse(Read(HeaderPosition, ZMapHeader.Size));
        _layout = new ZInodeLayout { Inode = inode, Header = Header, LclusterBits = blockBits + (Header.ClusterBits & 15), HeaderPosition = HeaderPosition };
    }

    public InodeInfo Inode { get; }
    public ZMapHeader Header { get; }
    public long HeaderPosition { get; }

    /// <summary>48-bit encoded extents (full layout with the EXTENTS advise): not produced by the encoder.</summary>
    public bool UsesEncodedExtents => !Header.IsWholeFileFragment && _layout.UsesEncodedExtents;

    public int InodeAndXattrSize => Inode.InodeSize + Inode.XattrSize;

    public byte[] Read(long position, int length)
    {
        var bytes = new byte[length];
        _space.Read(position, bytes, Inode.Nid);
        return bytes;
    }

    /// <summary>The format the inode was written in.</summary>
    public ZIndexFormat Format => new(_blockBits, Inode.Layout, (Header.Flags & ZMapHeader.AdviseFlags.BigPcluster1) != 0);

    /// <summary>The inode's layout as a model, decoded by the reader.</summary>
    public CompressedFileMap ToMap(CompressedMapper mapper)
    {
        long size = (long)Inode.Size;
        var baseMap = new CompressedFileMap
        {
            Size = size,
            Extents = [],
            Head1Algorithm = (CompressionAlgorithm)(Header.AlgorithmType & 15),
            Head2Algorithm = (CompressionAlgorithm)(Header.AlgorithmType >> 4),
            InterlacedUncompressed = (Header.Flags & ZMapHeader.AdviseFlags.InterlacedPcluster) != 0,
        };
        if (Header.IsWholeFileFragment)
            return baseMap with { Extents = [CompressedExtent.Fragment(0, size, Header.WholeFileFragmentOffset)] };
        var indexes = new LclusterIndexReader(_space, _layout, _blockBits);
        uint firstBlock = indexes.Load(0).BlockAddress;
        var extents = new List<CompressedExtent>();
        uint nextOwned = firstBlock;
        for (long pos = 0; pos < size;)
        {
            var z = mapper.Map(Inode, pos);
            var type = indexes.Load(z.LogicalStart >> _layout.LclusterBits).Type;
            extents.Add(ToExtent(z, FormatOf(type), ref nextOwned));
            pos = z.LogicalEnd;
        }
        return baseMap with { Extents = extents, FirstBlock = firstBlock };
    }

    // A pcluster in blocks is the inode's own when it follows the previous own one (else dedupe shared it).
    private CompressedExtent ToExtent(ZExtent z, PclusterFormat format, ref uint nextOwned)
    {
        if (z.Kind == ZExtentKind.Fragment)
            return CompressedExtent.Fragment(z.LogicalStart, z.Length, (ulong)z.PhysicalAddress) with { Format = format };
        if (z.InMetadata)
            return CompressedExtent.Inline(z.LogicalStart, z.Length, format, z.PhysicalLength);
        uint block = (uint)(z.PhysicalAddress >> _blockBits);
        int count = z.PhysicalLength >> _blockBits;
        if (block != nextOwned)
            return CompressedExtent.Reference(z.LogicalStart, z.Length, format, block, count, z.Partial);
        nextOwned += (uint)count;
        return CompressedExtent.InBlocks(z.LogicalStart, z.Length, format, block, count) with { Partial = z.Partial };
    }

    private static PclusterFormat FormatOf(LclusterType type) => type switch
    {
        LclusterType.Plain => PclusterFormat.Uncompressed,
        LclusterType.Head1 => PclusterFormat.Head1,
        LclusterType.Head2 => PclusterFormat.Head2,
        _ => throw new InvalidOperationException("an extent starts at a NONHEAD"),
    };
}
