using System.Buffers.Binary;
using System.Text;
using Erofs.Format;

namespace Erofs.Reading;

/// <summary>A decoded xattr with where its name came from (for fingerprints and the name filter).</summary>
internal readonly record struct RawXattr(byte NameIndex, byte[] Suffix, byte[] Value, bool IsShared);

/// <summary>Decodes an inode's xattrs: the ibody header, shared ids, then inline entries.</summary>
internal sealed class XattrReader(Superblock sb, DataReader data, Func<XattrLongPrefix[]> prefixes, ReadLimits limits)
{
    /// <summary>Reads the whole inline xattr area of an inode (empty when it has none).</summary>
    public byte[] ReadArea(InodeInfo inode)
    {
        var area = new byte[inode.XattrSize];
        if (area.Length > 0)
            data.SpaceOf(inode.Nid).Read(inode.Location + inode.InodeSize, area, inode.Nid);
        return area;
    }

    public List<RawXattr> ReadRaw(InodeInfo inode)
    {
        var result = new List<RawXattr>();
        if (inode.XattrSize == 0)
            return result;
        var area = ReadArea(inode);
        int shared = area[XattrLayout.SharedCountOffset];
        int pos = XattrLayout.HeaderSize + 4 * shared;
        if (pos > area.Length)
            throw new ErofsContentException($"{shared} shared xattr ids do not fit in an xattr area of {area.Length} bytes", inode.Nid, inode.Location + inode.InodeSize);
        long areaStart = inode.Location + inode.InodeSize;
        var budget = new XattrBudget(limits, inode.Nid);
        for (int i = 0; i < shared; i++)
        {
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(area.AsSpan(XattrLayout.HeaderSize + 4 * i));
            var entry = ReadShared(inode, id);
            budget.Add(entry, areaStart + XattrLayout.HeaderSize + 4 * i);
            result.Add(entry);
        }
        while (pos < area.Length)
        {
            if (area.Length - pos < XattrLayout.EntrySize)
                throw new ErofsContentException("truncated inline xattr entry", inode.Nid, areaStart + pos);
            var (entry, size) = ParseEntry(area.AsSpan(pos), inode.Nid, areaStart + pos, isShared: false);
            if (size > area.Length - pos)
                throw new ErofsContentException("inline xattr entry runs past the xattr area", inode.Nid, areaStart + pos);
            if (!(entry.NameIndex == 0 && entry.Suffix.Length == 0 && entry.Value.Length == 0))
            {
                budget.Add(entry, areaStart + pos);
                result.Add(entry);
            }
            pos += size;
        }
        return result;
    }

    private RawXattr ReadShared(InodeInfo inode, uint id)
    {
        var space = (sb.FeatureCompat & FeatureCompat.SharedXattrsInMetabox) != 0 ? data.SpaceOf(InodeDecoder.MetaboxBit) : data.SpaceOf(0);
        long pos = ((long)sb.XattrBlockAddress << sb.BlockSizeBits) + (long)id * 4;
        Span<byte> header = stackalloc byte[XattrLayout.EntrySize];
        space.Read(pos, header, inode.Nid);
        int total = XattrLayout.EntryTotalSize(header[0], BinaryPrimitives.ReadUInt16LittleEndian(header[2..]));
        var bytes = new byte[total];
        space.Read(pos, bytes, inode.Nid);
        return ParseEntry(bytes, inode.Nid, pos, isShared: true).Entry;
    }

    private static (RawXattr Entry, int Size) ParseEntry(ReadOnlySpan<byte> b, ulong nid, long at, bool isShared)
    {
        int nameLength = b[0];
        byte index = b[1];
        int valueSize = BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        int size = XattrLayout.EntryTotalSize(nameLength, valueSize);
        if (XattrLayout.EntrySize + nameLength + valueSize > b.Length)
            throw new ErofsContentException($"xattr entry of {nameLength}+{valueSize} bytes runs past its area", nid, at);
        var suffix = b.Slice(XattrLayout.EntrySize, nameLength).ToArray();
        var value = b.Slice(XattrLayout.EntrySize + nameLength, valueSize).ToArray();
        return (new RawXattr(index, suffix, value, isShared), size);
    }

    /// <summary>Full name of an entry; hidden when no namespace prefix applies; null for unknown indexes.</summary>
    public (string Name, bool Hidden)? NameOf(RawXattr x, ulong nid)
    {
        byte baseIndex;
        string prefix;
        if ((x.NameIndex & XattrLayout.LongPrefixFlag) != 0)
        {
            var table = prefixes();
            int i = x.NameIndex & ~XattrLayout.LongPrefixFlag;
            if (i >= table.Length)
                throw new ErofsContentException($"xattr long prefix index {i} is beyond the {table.Length} prefixes", nid);
            baseIndex = table[i].BaseIndex;
            prefix = table[i].FullPrefix;
        }
        else
        {
            baseIndex = x.NameIndex;
            string? p = XattrLayout.ShortPrefix(x.NameIndex);
            if (p is null)
                return null;
            prefix = p;
        }
        string name = prefix + Encoding.UTF8.GetString(x.Suffix);
        bool hidden = baseIndex is 0 or 5 || (baseIndex is 2 or 3 && x.Suffix.Length != 0);
        return (name, hidden);
    }

    public List<XattrEntry> List(InodeInfo inode)
    {
        var list = new List<XattrEntry>();
        foreach (var x in ReadRaw(inode))
        {
            if (NameOf(x, inode.Nid) is { } n)
                list.Add(new XattrEntry(n.Name, x.Value, n.Hidden, x.IsShared));
        }
        return list;
    }
}
