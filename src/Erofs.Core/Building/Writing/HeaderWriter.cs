using System.Buffers.Binary;
using Erofs.Building.Layout;
using Erofs.Format;

namespace Erofs.Building.Writing;

/// <summary>Writes what sits between the superblock and the first inode.</summary>
internal static class HeaderWriter
{
    public static void WriteShared(Span<byte> meta, XattrPlan xattrs, long start)
    {
        int at = checked((int)start);
        foreach (var e in xattrs.Shared)
        {
            e.WriteTo(meta[at..], e.Value);
            at += e.EntrySize;
        }
    }

    /// <summary>Each record: le16 length (base index + infix), u8 base index, infix; 4-aligned.</summary>
    public static void WritePrefixes(Span<byte> meta, XattrNaming naming, long start)
    {
        int at = checked((int)start);
        foreach (var p in naming.Prefixes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(meta[at..], (ushort)(1 + p.Infix.Length));
            meta[at + 2] = p.BaseIndex;
            p.Infix.CopyTo(meta[(at + 3)..]);
            at = (at + 3 + p.Infix.Length + 3) & ~3;
        }
    }

    /// <summary>One slot with an empty tag (the kernel then needs <c>-o device=</c>), mapped after the primary blocks.</summary>
    public static void WriteDevice(Span<byte> meta, long start, ulong blocks, ulong unifiedAddress)
    {
        var slot = meta.Slice(checked((int)start), DeviceSlot.Size);
        slot.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(slot[DeviceSlot.Offsets.BlocksLo..], checked((uint)blocks));
        BinaryPrimitives.WriteUInt32LittleEndian(slot[DeviceSlot.Offsets.UniaddrLo..], checked((uint)unifiedAddress));
    }
}
