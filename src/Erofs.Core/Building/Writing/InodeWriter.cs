using System.Buffers.Binary;
using Erofs.Building.Compressed;
using Erofs.Building.Layout;
using Erofs.Format;
using Erofs.Reading;
using C = Erofs.Format.InodeFields.Compact;
using E = Erofs.Format.InodeFields.Extended;

namespace Erofs.Building.Writing;

/// <summary>Serializes an inode, its xattr body and its chunk table at its metadata offset.</summary>
internal static class InodeWriter
{
    public static void Write(Span<byte> meta, InodePlan inode)
    {
        var dest = meta.Slice(checked((int)inode.MetaOffset), inode.HeadSize);
        dest.Clear();
        ushort format = (ushort)((inode.Extended ? InodeFields.VersionBit : 0) | ((int)inode.Layout << InodeFields.LayoutShift));
        ushort icount = inode.Xattrs?.InodeCount ?? 0;
        if (inode.Extended)
            WriteExtended(dest, inode, format, icount);
        else
            WriteCompact(dest, inode, format, icount);
        if (inode.Xattrs is { } x)
            WriteXattrs(dest.Slice(inode.InodeSize, x.Size), x, inode.Fingerprint);
        if (inode.Chunks is { } c)
            WriteChunkTable(dest[c.TableOffset(inode.InodeSize + inode.XattrSize)..], c);
        if (inode.ZFormat is { } z)
            WriteIndexes(meta, inode, z);
    }

    /// <summary>Map header, indexes and the inline tail of a compressed file (its blocks are placed by now).</summary>
    private static void WriteIndexes(Span<byte> meta, InodePlan inode, ZIndexFormat format)
    {
        var file = inode.Compressed!;
        var encoded = ZIndexEncoder.Encode(file.ToMap(), format, inode.InodeSize + inode.XattrSize);
        if (encoded.Layout != inode.Layout || encoded.Bytes.Length != inode.ZIndexBytes || encoded.InlineSize != inode.TailLength)
            throw new InvalidOperationException($"{inode.Path}: the encoded indexes do not match the planned inode shape");
        encoded.Bytes.CopyTo(meta[checked((int)inode.MetaOffset + encoded.HeaderOffset)..]);
        if (file.HasInlineTail)
            file.Segments[^1].Tail!.CopyTo(meta[checked((int)inode.TailOffset)..]);
    }

    private static void WriteCompact(Span<byte> d, InodePlan inode, ushort format, ushort icount)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.Format..], format);
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.XattrCount..], icount);
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.Mode..], (ushort)inode.Node.Mode);
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.Nb..], (ushort)inode.Nlink);
        BinaryPrimitives.WriteUInt32LittleEndian(d[C.Size..], (uint)inode.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(d[C.U..], RawU(inode));
        BinaryPrimitives.WriteUInt32LittleEndian(d[C.Ino..], inode.Ino);
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.Uid..], (ushort)inode.Uid);
        BinaryPrimitives.WriteUInt16LittleEndian(d[C.Gid..], (ushort)inode.Gid);
    }

    private static void WriteExtended(Span<byte> d, InodePlan inode, ushort format, ushort icount)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(d[E.Format..], format);
        BinaryPrimitives.WriteUInt16LittleEndian(d[E.XattrCount..], icount);
        BinaryPrimitives.WriteUInt16LittleEndian(d[E.Mode..], (ushort)inode.Node.Mode);
        BinaryPrimitives.WriteUInt64LittleEndian(d[E.Size..], inode.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.U..], RawU(inode));
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.Ino..], inode.Ino);
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.Uid..], inode.Uid);
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.Gid..], inode.Gid);
        BinaryPrimitives.WriteInt64LittleEndian(d[E.Mtime..], inode.MtimeSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.MtimeNsec..], inode.MtimeNanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(d[E.Nlink..], inode.Nlink);
    }

    /// <summary>i_u: start block, chunk format, or the device number in the kernel's "new" encoding.</summary>
    private static uint RawU(InodePlan inode) => inode.Kind switch
    {
        FileKind.CharacterDevice or FileKind.BlockDevice => EncodeRdev(inode.Node.RdevMajor, inode.Node.RdevMinor),
        FileKind.Fifo or FileKind.Socket => 0,
        _ when inode.Chunks is { } c => c.Format,
        _ when inode.ZFormat is not null => checked((uint)inode.DataBlocks),
        _ => checked((uint)inode.StartBlock),
    };

    public static uint EncodeRdev(uint major, uint minor) => (minor & 0xFF) | (major << 8) | ((minor & ~0xFFu) << 12);

    private static void WriteXattrs(Span<byte> d, XattrBody body, byte[]? digest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d[XattrLayout.NameFilterOffset..], body.NameFilter);
        d[XattrLayout.SharedCountOffset] = (byte)body.SharedIds.Count;
        int at = XattrLayout.HeaderSize;
        foreach (uint id in body.SharedIds)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(d[at..], id);
            at += 4;
        }
        foreach (var e in body.Inline)
        {
            e.WriteTo(d[at..], e.IsFingerprint ? FingerprintValue(digest) : e.Value);
            at += e.EntrySize;
        }
    }

    private static byte[] FingerprintValue(byte[]? digest)
    {
        if (digest is null)
            throw new InvalidOperationException("fingerprint was not computed");
        return [.. "sha256:"u8, .. digest];
    }

    private static void WriteChunkTable(Span<byte> d, ChunkTable table)
    {
        for (long i = 0; i < table.Count; i++)
        {
            var (block, device) = table.Entries[i];
            var slot = d.Slice(checked((int)(i * table.EntrySize)), table.EntrySize);
            if (!table.Indexes)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slot, checked((uint)block));
                continue;
            }
            BinaryPrimitives.WriteUInt16LittleEndian(slot[ChunkFormat.IndexDeviceId..], device);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[ChunkFormat.IndexStartBlockLo..], checked((uint)block));
        }
    }
}
