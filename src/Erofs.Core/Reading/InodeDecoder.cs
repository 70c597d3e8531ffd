using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Reading;

/// <summary>Reads and validates one on-disk inode (compact or extended) into an <see cref="InodeInfo"/>.</summary>
internal sealed class InodeDecoder(Superblock sb)
{
    /// <summary>Nid bit 63: the inode lives in the metabox.</summary>
    public const ulong MetaboxBit = 1UL << 63;

    public InodeInfo Decode(MetadataSpace space, long location, ulong nid)
    {
        Span<byte> raw = stackalloc byte[InodeFields.ExtendedSize];
        space.Read(location, raw[..InodeFields.CompactSize], nid);
        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(raw);
        if ((format & ~InodeFields.AllBits) != 0)
            throw new ErofsContentException($"unsupported i_format 0x{format:x}", nid, location);
        var layout = (InodeLayout)((format >> InodeFields.LayoutShift) & InodeFields.LayoutMask);
        if (layout > InodeLayout.ChunkBased)
            throw new ErofsContentException($"unknown data layout {(int)layout}", nid, location);
        bool extended = (format & InodeFields.VersionBit) != 0;
        if (extended)
            space.Read(location + InodeFields.CompactSize, raw[InodeFields.CompactSize..], nid);
        var info = extended ? DecodeExtended(raw, format, layout, location, nid) : DecodeCompact(raw, format, layout, location, nid);
        Validate(info);
        return info;
    }

    private InodeInfo DecodeCompact(ReadOnlySpan<byte> r, ushort format, InodeLayout layout, long location, ulong nid)
    {
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Compact.Mode..]);
        ushort nb = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Compact.Nb..]);
        uint u = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Compact.U..]);
        bool isDir = FileModes.KindOf(mode) == FileKind.Directory;
        bool nlink1 = !isDir && (format & InodeFields.Bit4) != 0;
        return new InodeInfo
        {
            Nid = nid,
            IsExtended = false,
            Layout = layout,
            Mode = mode,
            Size = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Compact.Size..]),
            Uid = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Compact.Uid..]),
            Gid = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Compact.Gid..]),
            Nlink = nlink1 ? 1u : nb,
            MtimeSeconds = (long)(sb.Epoch + BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Compact.Mtime..])),
            MtimeNanoseconds = sb.FixedNanoseconds,
            Rdev = IsDevice(mode) ? u : 0,
            Ino = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Compact.Ino..]),
            IsDotOmitted = isDir && (format & InodeFields.Bit4) != 0,
            XattrSize = InodeFields.XattrAreaSize(BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Compact.XattrCount..])),
            RawU = u,
            StartBlock = u | (nlink1 ? (ulong)nb << 32 : 0),
            Location = location,
        };
    }

    private static InodeInfo DecodeExtended(ReadOnlySpan<byte> r, ushort format, InodeLayout layout, long location, ulong nid)
    {
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Extended.Mode..]);
        ushort nb = BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Extended.Nb..]);
        uint u = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.U..]);
        bool isDir = FileModes.KindOf(mode) == FileKind.Directory;
        return new InodeInfo
        {
            Nid = nid,
            IsExtended = true,
            Layout = layout,
            Mode = mode,
            Size = BinaryPrimitives.ReadUInt64LittleEndian(r[InodeFields.Extended.Size..]),
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.Uid..]),
            Gid = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.Gid..]),
            Nlink = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.Nlink..]),
            MtimeSeconds = BinaryPrimitives.ReadInt64LittleEndian(r[InodeFields.Extended.Mtime..]),
            MtimeNanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.MtimeNsec..]),
            Rdev = IsDevice(mode) ? u : 0,
            Ino = BinaryPrimitives.ReadUInt32LittleEndian(r[InodeFields.Extended.Ino..]),
            IsDotOmitted = isDir && (format & InodeFields.Bit4) != 0,
            XattrSize = InodeFields.XattrAreaSize(BinaryPrimitives.ReadUInt16LittleEndian(r[InodeFields.Extended.XattrCount..])),
            RawU = u,
            StartBlock = u | (ulong)nb << 32,
            Location = location,
        };
    }

    private static bool IsDevice(ushort mode) => FileModes.KindOf(mode) is FileKind.CharacterDevice or FileKind.BlockDevice;

    // Rejects combinations the kernel refuses: unknown types, xattr icount 1, bad layouts per type.
    private void Validate(InodeInfo i)
    {
        var kind = i.Kind;
        if (kind == FileKind.Unknown)
            throw new ErofsContentException($"unknown file type in mode 0{Convert.ToString(i.Mode, 8)}", i.Nid, i.Location);
        if (i.XattrSize == XattrLayout.HeaderSize)
            throw new ErofsContentException("xattr icount 1 (header only) is invalid", i.Nid, i.Location);
        if (i.MtimeNanoseconds >= 1_000_000_000)
            throw new ErofsContentException($"mtime nanoseconds {i.MtimeNanoseconds} are out of range", i.Nid, i.Location);
        if (i.Size > long.MaxValue)
            throw new ErofsContentException($"size {i.Size} is too large", i.Nid, i.Location);
        if (i.Layout == InodeLayout.ChunkBased && (i.RawU & ~(uint)ChunkFormat.All) != 0)
            throw new NotSupportedException($"unsupported chunk format 0x{i.RawU:x} (nid {i.Nid})");
        if (i.IsCompressed && kind is not (FileKind.Regular or FileKind.Directory or FileKind.Symlink))
            throw new ErofsContentException("compressed layout on a special file", i.Nid, i.Location);
    }
}
