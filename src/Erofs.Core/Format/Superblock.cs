using System.Buffers.Binary;

namespace Erofs.Format;

/// <summary>
/// The EROFS superblock (<c>struct erofs_super_block</c>) at absolute offset 1024.
/// <see cref="Parse"/> decodes without judging; the reader validates it before use.
/// </summary>
public sealed record Superblock
{
    /// <summary>Absolute byte offset of the superblock.</summary>
    public const int Position = 1024;
    /// <summary>EROFS_SUPER_MAGIC_V1.</summary>
    public const uint MagicValue = 0xE0F5E1E2;
    /// <summary>Size of the fixed part; each extension slot adds 16 bytes.</summary>
    public const int CoreSize = 128;
    /// <summary>Bytes this reader decodes (core + one extension slot).</summary>
    public const int ReadSize = 144;

    /// <summary>Field offsets inside the superblock.</summary>
    public static class Offsets
    {
#pragma warning disable CS1591 // one constant per kernel field, named after it
        public const int Magic = 0;
        public const int Checksum = Magic + 4;
        public const int FeatureCompat = Checksum + 4;
        public const int BlkSzBits = FeatureCompat + 4;
        public const int SbExtSlots = BlkSzBits + 1;
        public const int RootNid2b = SbExtSlots + 1;
        public const int Inos = RootNid2b + 2;
        public const int Epoch = Inos + 8;
        public const int FixedNsec = Epoch + 8;
        public const int BlocksLo = FixedNsec + 4;
        public const int MetaBlkAddr = BlocksLo + 4;
        public const int XattrBlkAddr = MetaBlkAddr + 4;
        public const int Uuid = XattrBlkAddr + 4;
        public const int VolumeName = Uuid + 16;
        public const int FeatureIncompat = VolumeName + 16;
        public const int U1 = FeatureIncompat + 4;
        public const int ExtraDevices = U1 + 2;
        public const int DevtSlotOff = ExtraDevices + 2;
        public const int DirBlkBits = DevtSlotOff + 2;
        public const int XattrPrefixCount = DirBlkBits + 1;
        public const int XattrPrefixStart = XattrPrefixCount + 1;
        public const int PackedNid = XattrPrefixStart + 4;
        public const int XattrFilterReserved = PackedNid + 8;
        public const int IshareXattrPrefixId = XattrFilterReserved + 1;
        public const int Reserved = IshareXattrPrefixId + 1;
        public const int BuildTime = Reserved + 2;
        public const int RootNid8b = BuildTime + 4;
        public const int Reserved2 = RootNid8b + 8;
        public const int MetaboxNid = Reserved2 + 8;
        public const int Reserved3 = MetaboxNid + 8;
        public const int End = Reserved3 + 8;
#pragma warning restore CS1591
    }

    /// <summary>magic.</summary>
    public uint Magic { get; init; }
    /// <summary>checksum (crc32c raw register, valid with COMPAT_SB_CHKSUM).</summary>
    public uint Checksum { get; init; }
    /// <summary>feature_compat.</summary>
    public FeatureCompat FeatureCompat { get; init; }
    /// <summary>blkszbits: log2 of the block size.</summary>
    public byte BlockSizeBits { get; init; }
    /// <summary>sb_extslots: 16-byte extension slots after the core 128 bytes.</summary>
    public byte ExtensionSlots { get; init; }
    /// <summary>rootnid_2b (or blocks_hi with 48BIT and a non-zero rootnid_8b).</summary>
    public ushort RootNid2b { get; init; }
    /// <summary>inos: number of inodes.</summary>
    public ulong InodeCount { get; init; }
    /// <summary>epoch: base seconds of compact inode mtimes.</summary>
    public ulong Epoch { get; init; }
    /// <summary>fixed_nsec: nanoseconds of every compact inode mtime.</summary>
    public uint FixedNanoseconds { get; init; }
    /// <summary>blocks_lo.</summary>
    public uint BlocksLo { get; init; }
    /// <summary>meta_blkaddr: base block of the nid space.</summary>
    public uint MetaBlockAddress { get; init; }
    /// <summary>xattr_blkaddr: base block of shared xattrs.</summary>
    public uint XattrBlockAddress { get; init; }
    /// <summary>uuid (16 raw bytes).</summary>
    public byte[] Uuid { get; init; } = [];
    /// <summary>volume_name (16 raw bytes).</summary>
    public byte[] VolumeNameBytes { get; init; } = [];
    /// <summary>feature_incompat.</summary>
    public FeatureIncompat FeatureIncompat { get; init; }
    /// <summary>u1: available_compr_algs (with COMPR_CFGS) or lz4_max_distance.</summary>
    public ushort U1 { get; init; }
    /// <summary>extra_devices.</summary>
    public ushort ExtraDevices { get; init; }
    /// <summary>devt_slotoff: device table offset in 128-byte units.</summary>
    public ushort DeviceTableSlotOffset { get; init; }
    /// <summary>dirblkbits (must be 0).</summary>
    public byte DirBlockBits { get; init; }
    /// <summary>xattr_prefix_count.</summary>
    public byte XattrPrefixCount { get; init; }
    /// <summary>xattr_prefix_start (in 4-byte units).</summary>
    public uint XattrPrefixStart { get; init; }
    /// <summary>packed_nid (0 = none).</summary>
    public ulong PackedNid { get; init; }
    /// <summary>xattr_filter_reserved (filters are ignored unless 0).</summary>
    public byte XattrFilterReserved { get; init; }
    /// <summary>ishare_xattr_prefix_id: long prefix index of the fingerprint xattr.</summary>
    public byte IshareXattrPrefixId { get; init; }
    /// <summary>build_time: seconds after epoch.</summary>
    public uint BuildTime { get; init; }
    /// <summary>rootnid_8b (48BIT).</summary>
    public ulong RootNid8b { get; init; }
    /// <summary>metabox_nid (METABOX; needs an extension slot).</summary>
    public ulong MetaboxNid { get; init; }

    /// <summary>Block size in bytes.</summary>
    public int BlockSize => 1 << BlockSizeBits;
    /// <summary>Superblock size: 128 + 16 per extension slot.</summary>
    public int Size => CoreSize + 16 * ExtensionSlots;
    /// <summary>True when the 48-bit layout is in use.</summary>
    public bool Is48Bit => (FeatureIncompat & FeatureIncompat.Layout48Bit) != 0;
    /// <summary>Root directory nid.</summary>
    public ulong RootNid => Is48Bit && RootNid8b != 0 ? RootNid8b : RootNid2b;
    /// <summary>Primary device size in blocks.</summary>
    public ulong Blocks => Is48Bit && RootNid8b != 0 ? BlocksLo | (ulong)RootNid2b << 32 : BlocksLo;
    /// <summary>Volume label (up to the first NUL).</summary>
    public string VolumeName
    {
        get
        {
            int n = Array.IndexOf(VolumeNameBytes, (byte)0);
            return System.Text.Encoding.UTF8.GetString(VolumeNameBytes, 0, n < 0 ? VolumeNameBytes.Length : n);
        }
    }
    /// <summary>UUID in the usual 8-4-4-4-12 text form.</summary>
    public string UuidText => Uuid.Length == 16
        ? $"{Convert.ToHexStringLower(Uuid, 0, 4)}-{Convert.ToHexStringLower(Uuid, 4, 2)}-{Convert.ToHexStringLower(Uuid, 6, 2)}-{Convert.ToHexStringLower(Uuid, 8, 2)}-{Convert.ToHexStringLower(Uuid, 10, 6)}"
        : "";
    /// <summary>Filesystem creation time, seconds since the Unix epoch (epoch + build_time).</summary>
    public ulong CreationTime => Epoch + BuildTime;

    /// <summary>Decodes <see cref="ReadSize"/> bytes starting at the superblock; never throws on content.</summary>
    public static Superblock Parse(ReadOnlySpan<byte> b)
    {
        if (b.Length < ReadSize)
            throw new ArgumentException($"need {ReadSize} bytes", nameof(b));
        return new Superblock
        {
            Magic = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.Magic..]),
            Checksum = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.Checksum..]),
            FeatureCompat = (FeatureCompat)BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.FeatureCompat..]),
            BlockSizeBits = b[Offsets.BlkSzBits],
            ExtensionSlots = b[Offsets.SbExtSlots],
            RootNid2b = BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.RootNid2b..]),
            InodeCount = BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.Inos..]),
            Epoch = BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.Epoch..]),
            FixedNanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.FixedNsec..]),
            BlocksLo = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.BlocksLo..]),
            MetaBlockAddress = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.MetaBlkAddr..]),
            XattrBlockAddress = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.XattrBlkAddr..]),
            Uuid = b.Slice(Offsets.Uuid, 16).ToArray(),
            VolumeNameBytes = b.Slice(Offsets.VolumeName, 16).ToArray(),
            FeatureIncompat = (FeatureIncompat)BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.FeatureIncompat..]),
            U1 = BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.U1..]),
            ExtraDevices = BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.ExtraDevices..]),
            DeviceTableSlotOffset = BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.DevtSlotOff..]),
            DirBlockBits = b[Offsets.DirBlkBits],
            XattrPrefixCount = b[Offsets.XattrPrefixCount],
            XattrPrefixStart = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.XattrPrefixStart..]),
            PackedNid = BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.PackedNid..]),
            XattrFilterReserved = b[Offsets.XattrFilterReserved],
            IshareXattrPrefixId = b[Offsets.IshareXattrPrefixId],
            BuildTime = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.BuildTime..]),
            RootNid8b = BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.RootNid8b..]),
            MetaboxNid = BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.MetaboxNid..]),
        };
    }
}
