using Erofs.Compression;
using Erofs.Format;
using Erofs.Reading.Compressed;

namespace Erofs.Reading;

/// <summary>
/// The single data path: maps a file offset to an <see cref="Extent"/>, then reads it from a
/// device, the inode's metadata (inline tails) or zeros (holes).
/// </summary>
internal sealed class DataReader
{
    private readonly DeviceSet _devices;
    private readonly MetadataSpace _primaryMeta;
    private readonly int _blockSizeBits;
    private readonly CompressedDataReader _compressed;
    private MetadataSpace? _metabox;

    public DataReader(DeviceSet devices, MetadataSpace primaryMeta, Superblock sb, ReadOptions options, Func<InodeInfo?> packedInode)
    {
        _devices = devices;
        _primaryMeta = primaryMeta;
        _blockSizeBits = sb.BlockSizeBits;
        var config = CompressionConfig.Read(sb, devices.Primary);
        var decompressors = new Decompressors(config);
        _compressed = new CompressedDataReader(
            new CompressedMapper(sb, config, SpaceOf), devices, SpaceOf, decompressors, new PclusterCache(options.DecompressedCacheBytes),
            sb, packedInode, (inode, offset, buffer) => Read(inode, offset, buffer.Span), options.Limits);
    }

    /// <summary>Called once while opening an image that has a metabox.</summary>
    public void AttachMetabox(MetadataSpace metabox) => _metabox = metabox;

    public DeviceSet Devices => _devices;

    public MetadataSpace SpaceOf(ulong nid) =>
        (nid & InodeDecoder.MetaboxBit) == 0 ? _primaryMeta
        : _metabox ?? throw new ErofsContentException("inode refers to the metabox, but the image has none", nid);

    public Extent Map(InodeInfo inode, long offset)
    {
        if (inode.IsCompressed)
            return ToExtent(_compressed.Map(inode, offset));
        return inode.Layout == InodeLayout.ChunkBased
            ? ChunkMapper.Map(inode, offset, SpaceOf(inode.Nid), _blockSizeBits, _devices.DeviceIdMask)
            : FlatMapper.Map(inode, offset, _blockSizeBits);
    }

    public IEnumerable<Extent> Extents(InodeInfo inode)
    {
        long size = (long)inode.Size;
        for (long pos = 0; pos < size;)
        {
            var e = Map(inode, pos);
            yield return e;
            pos = e.LogicalEnd;
        }
    }

    public int Read(InodeInfo inode, long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        long size = (long)inode.Size;
        if (offset >= size || buffer.IsEmpty)
            return 0;
        int total = (int)Math.Min(buffer.Length, size - offset);
        if (inode.IsCompressed)
            return ReadCompressed(inode, offset, buffer[..total]);
        int done = 0;
        while (done < total)
        {
            long pos = offset + done;
            var e = Map(inode, pos);
            long within = pos - e.LogicalOffset;
            if (within < 0 || within >= e.Length)
                throw new ErofsContentException($"mapping of offset {pos} returned an extent that does not cover it", inode.Nid);
            int n = (int)Math.Min(total - done, e.Length - within);
            ReadExtent(inode, e, within, buffer.Slice(done, n));
            done += n;
        }
        return total;
    }

    private int ReadCompressed(InodeInfo inode, long offset, Span<byte> buffer)
    {
        var budget = _compressed.Budget(inode, offset, buffer.Length);
        for (int done = 0; done < buffer.Length;)
        {
            long pos = offset + done;
            var e = _compressed.Map(inode, pos);
            int n = (int)Math.Min(buffer.Length - done, e.LogicalEnd - pos);
            _compressed.Read(inode, pos, buffer.Slice(done, n), e, budget);
            done += n;
        }
        return buffer.Length;
    }

    // The public view of a compressed-inode extent.
    private static Extent ToExtent(ZExtent e)
    {
        var kind = e.Kind switch
        {
            ZExtentKind.Hole => ExtentKind.Hole,
            ZExtentKind.Fragment => ExtentKind.Fragment,
            ZExtentKind.Shifted or ZExtentKind.Interlaced => e.InMetadata ? ExtentKind.Inline : ExtentKind.Plain,
            _ => e.InMetadata ? ExtentKind.Inline : ExtentKind.Compressed,
        };
        var encoding = e.Kind switch
        {
            ZExtentKind.Shifted => ExtentEncoding.Shifted,
            ZExtentKind.Interlaced => ExtentEncoding.Interlaced,
            ZExtentKind.Compressed => (ExtentEncoding)(e.Algorithm + (int)ExtentEncoding.Lz4),
            _ => ExtentEncoding.None,
        };
        return new Extent(e.LogicalStart, e.Length, kind, 0, e.PhysicalAddress, e.PhysicalLength) { Encoding = encoding, IsPartial = e.Partial };
    }

    private void ReadExtent(InodeInfo inode, Extent e, long within, Span<byte> destination)
    {
        switch (e.Kind)
        {
            case ExtentKind.Hole:
                destination.Clear();
                break;
            case ExtentKind.Inline:
                SpaceOf(inode.Nid).Read(e.PhysicalOffset + within, destination, inode.Nid);
                break;
            case ExtentKind.Plain:
                _devices.Read(e.Device, e.PhysicalOffset + within, destination, inode.Nid);
                break;
            default:
                throw new ErofsContentException($"unexpected {e.Kind} extent in an uncompressed inode", inode.Nid);
        }
    }
}
