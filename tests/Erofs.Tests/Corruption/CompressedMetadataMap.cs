using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// The compression-related bytes of an image, found by decoding the pristine image with the library:
/// the superblock's compression fields and configuration records, and for every reachable compressed
/// inode, the packed inode and the metabox inode (not the inodes inside a metabox) its inode core,
/// map header, index area, and stored compressed pclusters (on the device or inline after the indexes).
/// </summary>
internal sealed class CompressedMetadataMap
{
    public List<MetadataRange> Global { get; } = [];
    public List<MetadataRange> InodeCores { get; } = [];
    public List<MetadataRange> Headers { get; } = [];
    public List<MetadataRange> Indexes { get; } = [];
    public List<MetadataRange> Pclusters { get; } = [];

    public static CompressedMetadataMap Build(HostileImage pristine)
    {
        var map = new CompressedMetadataMap();
        using var image = pristine.Open();
        map.AddGlobal(pristine, image.Superblock);
        var seen = new HashSet<ulong> { image.Root.Nid };
        var pending = new Queue<InodeInfo>([image.Root]);
        map.AddInode(pristine, image, image.Root);
        while (pending.Count > 0)
        {
            foreach (var entry in image.ReadDirectory(pending.Dequeue()))
            {
                if (entry.IsDotOrDotDot || !seen.Add(entry.Nid))
                    continue;
                var inode = image.GetInode(entry.Nid);
                map.AddInode(pristine, image, inode);
                if (inode.Kind == FileKind.Directory)
                    pending.Enqueue(inode);
            }
        }
        if (image.Superblock.PackedNid != 0 && seen.Add(image.Superblock.PackedNid))
            map.AddInode(pristine, image, image.GetInode(image.Superblock.PackedNid), "packed inode ");
        if (image.Metabox is { } metabox && seen.Add(metabox.Nid))
            map.AddInode(pristine, image, metabox, "metabox inode ");
        return map;
    }

    // Feature bits, u1 (lz4_max_distance / available_compr_algs), packed_nid, and the records after the superblock.
    private void AddGlobal(HostileImage pristine, Superblock sb)
    {
        Global.Add(new(HostileImage.SuperblockField(Superblock.Offsets.FeatureIncompat), 6, "superblock feature_incompat and u1"));
        Global.Add(new(HostileImage.SuperblockField(Superblock.Offsets.PackedNid), 8, "superblock packed_nid"));
        if ((sb.FeatureIncompat & FeatureIncompat.ComprCfgs) == 0)
            return;
        // One record (le16 length + body) per available algorithm, in id order.
        long pos = Superblock.Position + sb.Size;
        for (int bit = 0; bit < 16; bit++)
        {
            if ((sb.U1 & (1 << bit)) == 0)
                continue;
            int length = 2 + pristine.ReadU16(pos);
            Global.Add(new(pos, length, $"compression config record of algorithm {bit}"));
            pos += length;
        }
    }

    private void AddInode(HostileImage pristine, ErofsImage image, InodeInfo inode, string role = "")
    {
        if (!inode.IsCompressed || (inode.Nid & InodeDecoder.MetaboxBit) != 0)
            return;
        string who = $"{role}nid {inode.Nid}";
        var layout = new CompressedIndexLayout(pristine, inode);
        InodeCores.Add(new(inode.Location, inode.InodeSize, $"inode core of {who}"));
        Headers.Add(new(layout.Header, ZMapHeader.Size, $"map header of {who}"));
        if (layout.IndexEnd > layout.IndexStart)
            Indexes.Add(new(layout.IndexStart, layout.IndexEnd - layout.IndexStart, $"{(layout.IsCompact ? "compact indexes" : layout.UsesEncodedExtents ? "encoded extents" : "full indexes")} of {who}"));
        // Compressed streams only (on the device or inline): flipped raw (shifted, interlaced) bytes just read back flipped.
        foreach (var e in image.GetExtents(inode).DistinctBy(e => (e.Kind, e.PhysicalOffset)))
        {
            if (e.Encoding is not (ExtentEncoding.Lz4 or ExtentEncoding.Lzma or ExtentEncoding.Deflate or ExtentEncoding.Zstd))
                continue;
            string where = e.Kind == ExtentKind.Inline ? "inline tail " : "";
            Pclusters.Add(new(e.PhysicalOffset, e.PhysicalLength, $"{where}{e.Encoding} pcluster of {who}"));
        }
    }
}
