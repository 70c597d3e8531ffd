using Erofs.Format;

namespace Erofs.Reading;

/// <summary>
/// The single data path: maps a file offset to an <see cref="Extent"/>, then reads it from a
/// device, the inode's metadata (inline tails) or zeros (holes).
/// </summary>
internal sealed class DataReader(DeviceSet devices, MetadataSpace primaryMeta, int blockSizeBits)
{
    private MetadataSpace? _metabox;

    /// <summary>Called once while opening an image that has a metabox.</summary>
    public void AttachMetabox(MetadataSpace metabox) => _metabox = metabox;

    public DeviceSet Devices => devices;

    public MetadataSpace SpaceOf(ulong nid) =>
        (nid & InodeDecoder.MetaboxBit) == 0 ? primaryMeta
        : _metabox ?? throw new ErofsContentException("inode refers to the metabox, but the image has none", nid);

    public Extent Map(InodeInfo inode, long offset)
    {
        if (inode.IsCompressed)
            throw new NotSupportedException($"compressed data is not supported yet (nid {inode.Nid}, layout {inode.Layout})");
        return inode.Layout == InodeLayout.ChunkBased
            ? ChunkMapper.Map(inode, offset, SpaceOf(inode.Nid), blockSizeBits, devices.DeviceIdMask)
            : FlatMapper.Map(inode, offset, blockSizeBits);
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
                devices.Read(e.Device, e.PhysicalOffset + within, destination, inode.Nid);
                break;
            default:
                throw new NotSupportedException($"compressed data is not supported yet (nid {inode.Nid})");
        }
    }
}
