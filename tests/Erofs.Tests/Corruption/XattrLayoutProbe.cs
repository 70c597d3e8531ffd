using System.Buffers.Binary;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>Where an inode's xattr structures are in the image: ibody header, shared ids, inline entries.</summary>
internal sealed record XattrLayoutProbe(long AreaStart, int AreaSize, int SharedCount, List<long> SharedIdOffsets, List<long> SharedEntryOffsets, List<(long Offset, byte NameIndex)> InlineEntries)
{
    public long SharedCountOffset => AreaStart + XattrLayout.SharedCountOffset;

    /// <summary>Decodes the pristine xattr layout of the inode at <paramref name="path"/>.</summary>
    public static XattrLayoutProbe Of(HostileImage image, string path)
    {
        using var opened = image.Open();
        var inode = opened.ResolvePath(path) ?? throw new InvalidOperationException($"no {path}");
        var area = opened.Xattrs.ReadArea(inode);
        long start = inode.Location + inode.InodeSize;
        int shared = area[XattrLayout.SharedCountOffset];
        var ids = new List<long>();
        var entries = new List<long>();
        long sharedBase = (long)opened.Superblock.XattrBlockAddress << opened.Superblock.BlockSizeBits;
        for (int i = 0; i < shared; i++)
        {
            ids.Add(start + XattrLayout.HeaderSize + 4 * i);
            entries.Add(sharedBase + 4L * BinaryPrimitives.ReadUInt32LittleEndian(area.AsSpan(XattrLayout.HeaderSize + 4 * i)));
        }
        var inline = new List<(long, byte)>();
        for (int pos = XattrLayout.HeaderSize + 4 * shared; pos + XattrLayout.EntrySize <= area.Length;)
        {
            int size = XattrLayout.EntryTotalSize(area[pos], BinaryPrimitives.ReadUInt16LittleEndian(area.AsSpan(pos + 2)));
            inline.Add((start + pos, area[pos + 1]));
            pos += size;
        }
        return new XattrLayoutProbe(start, area.Length, shared, ids, entries, inline);
    }
}
