using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Where the metadata of an image lies, found by decoding the pristine image with the library:
/// superblock, device table, long prefix table, every reachable inode with its xattrs and its
/// chunk table or inline tail, shared xattr entries, and every directory block.
/// </summary>
internal static class MetadataMap
{
    public static (List<MetadataRange> Global, List<MetadataRange> PerInode) Build(HostileImage pristine)
    {
        using var image = pristine.Open();
        var sb = image.Superblock;
        var global = new List<MetadataRange> { new(Superblock.Position, sb.Size, "superblock") };
        if (sb.ExtraDevices > 0)
            global.Add(new((long)sb.DeviceTableSlotOffset * DeviceSlot.Size, sb.ExtraDevices * DeviceSlot.Size, "device table"));
        if (sb.XattrPrefixCount > 0 && (sb.FeatureCompat & FeatureCompat.PlainXattrPrefixes) != 0)
        {
            long length = image.LongPrefixes.Sum(p => (2 + 1 + p.Infix.Length + 3) & ~3);
            global.Add(new((long)sb.XattrPrefixStart * 4, length, "long prefix table"));
        }
        var perInode = new List<MetadataRange>();
        var seen = new HashSet<ulong>();
        var pending = new Queue<InodeInfo>([image.Root]);
        seen.Add(image.Root.Nid);
        AddInode(image, image.Root, perInode);
        while (pending.Count > 0)
        {
            foreach (var entry in image.ReadDirectory(pending.Dequeue()))
            {
                if (entry.IsDotOrDotDot || !seen.Add(entry.Nid))
                    continue;
                var inode = image.GetInode(entry.Nid);
                AddInode(image, inode, perInode);
                if (inode.Kind == FileKind.Directory)
                    pending.Enqueue(inode);
            }
        }
        return (global, perInode);
    }

    private static void AddInode(ErofsImage image, InodeInfo inode, List<MetadataRange> ranges)
    {
        long end = inode.Location + inode.InodeSize + inode.XattrSize;
        if (inode.Layout == InodeLayout.ChunkBased)
        {
            int chunkBits = image.Superblock.BlockSizeBits + (int)(inode.RawU & ChunkFormat.BlockBitsMask);
            int unit = (inode.RawU & ChunkFormat.Indexes) != 0 ? ChunkFormat.IndexEntrySize : ChunkFormat.BlockMapEntrySize;
            long chunks = (long)((inode.Size + (1UL << chunkBits) - 1) >> chunkBits);
            end = (end + unit - 1) / unit * unit + chunks * unit;
        }
        ranges.Add(new(Absolute(image, inode, inode.Location), end - inode.Location, $"inode {inode.Nid} ({inode.Kind})"));
        SharedXattrs(image, inode, ranges);
        foreach (var e in image.GetExtents(inode))
        {
            if (e.Kind == ExtentKind.Inline && inode.Kind != FileKind.Regular)
                ranges.Add(new(Absolute(image, inode, e.PhysicalOffset), e.Length, $"inline {inode.Kind} data of nid {inode.Nid}"));
            else if (e.Kind == ExtentKind.Plain && inode.Kind == FileKind.Directory)
                ranges.Add(new(e.PhysicalOffset, e.Length, $"directory blocks of nid {inode.Nid}"));
        }
    }

    // The shared entries an inode refers to (id * 4 from the start of xattr_blkaddr).
    private static void SharedXattrs(ErofsImage image, InodeInfo inode, List<MetadataRange> ranges)
    {
        var area = image.Xattrs.ReadArea(inode);
        if (area.Length == 0)
            return;
        int count = area[XattrLayout.SharedCountOffset];
        for (int i = 0; i < count; i++)
        {
            uint id = BitConverter.ToUInt32(area, XattrLayout.HeaderSize + 4 * i);
            long at = ((long)image.Superblock.XattrBlockAddress << image.Superblock.BlockSizeBits) + id * 4L;
            ranges.Add(new(at, XattrLayout.EntrySize + 8, $"shared xattr {id} of nid {inode.Nid}"));
        }
    }

    // Inodes in the metabox are addressed inside its content; map to the image (its extents are plain).
    private static long Absolute(ErofsImage image, InodeInfo inode, long position)
    {
        if ((inode.Nid & InodeDecoder.MetaboxBit) == 0 || image.Metabox is not { } box)
            return position;
        var e = image.MapExtent(box, position);
        return e.PhysicalOffset + (position - e.LogicalOffset);
    }
}
