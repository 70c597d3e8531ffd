using System.Buffers.Binary;

namespace Erofs.Format;

/// <summary>
/// The 8-byte map header of a compressed inode (<c>struct z_erofs_map_header</c>) at
/// round_up(iloc + inode size + xattr size, 8), and the lcluster index formats that follow it.
/// </summary>
public readonly record struct ZMapHeader(uint FragmentOffsetOrIdata, ushort Advise, byte AlgorithmType, byte ClusterBits, ulong Raw)
{
    /// <summary>Size of the header.</summary>
    public const int Size = 8;
    /// <summary>Full (non-compact) indexes start 8 reserved bytes after the header.</summary>
    public const int FullIndexReserved = 8;
    /// <summary>Size of one full lcluster index (<c>struct z_erofs_lcluster_index</c>).</summary>
    public const int FullIndexSize = 8;
    /// <summary>NONHEAD delta0 flag: the low bits count the pcluster's blocks (Z_EROFS_LI_D0_CBLKCNT).</summary>
    public const int CblkCnt = 0x800;
    /// <summary>di_advise bit 15: the extent uses only a prefix of the pcluster output.</summary>
    public const ushort PartialRef = 0x8000;
    /// <summary>h_clusterbits bit 7: the whole file is one fragment in the packed inode.</summary>
    public const byte WholeFileFragment = 0x80;

    /// <summary>Largest decompressed extent readers accept (Z_EROFS_PCLUSTER_MAX_DSIZE).</summary>
    public const int MaxDecodedExtent = 12 << 20;
    /// <summary>Largest physical cluster readers accept (Z_EROFS_PCLUSTER_MAX_SIZE).</summary>
    public const int MaxPcluster = 1 << 20;

    /// <summary>h_advise bits (Z_EROFS_ADVISE_*).</summary>
    [Flags]
    public enum AdviseFlags : ushort
    {
        /// <summary>No flags.</summary>
        None = 0,
        /// <summary>Compact layout: 2-byte packs allowed. Full layout: encoded extents (48-bit).</summary>
        Compacted2BOrExtents = 0x01,
        /// <summary>HEAD1 pclusters may span several blocks.</summary>
        BigPcluster1 = 0x02,
        /// <summary>PLAIN and HEAD2 pclusters may span several blocks.</summary>
        BigPcluster2 = 0x04,
        /// <summary>The tail pcluster is inline after the indexes (ztailpacking).</summary>
        InlinePcluster = 0x08,
        /// <summary>PLAIN data is stored rotated inside its block.</summary>
        InterlacedPcluster = 0x10,
        /// <summary>The tail extent is a fragment of the packed inode.</summary>
        FragmentPcluster = 0x20,
    }

    /// <summary>h_advise as flags.</summary>
    public AdviseFlags Flags => (AdviseFlags)Advise;

    /// <summary>True when bit 7 of h_clusterbits says the whole file is a fragment.</summary>
    public bool IsWholeFileFragment => (ClusterBits & WholeFileFragment) != 0;

    /// <summary>The fragment offset of a whole-file fragment (the header as le64 without bit 63).</summary>
    public ulong WholeFileFragmentOffset => Raw & ~(1UL << 63);

    /// <summary>h_idata_size (ztailpacking): the high half of the first 4 bytes.</summary>
    public ushort InlineDataSize => (ushort)(FragmentOffsetOrIdata >> 16);

    /// <summary>Encoded extents: h_extents_lo (bytes 0-3) | h_extents_hi (bytes 6-7) &lt;&lt; 32.</summary>
    public ulong ExtentCount => FragmentOffsetOrIdata | (ulong)BinaryPrimitives.ReadUInt16LittleEndian([AlgorithmType, ClusterBits]) << 32;

    /// <summary>Decodes the 8 header bytes.</summary>
    public static ZMapHeader Parse(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(b),
        BinaryPrimitives.ReadUInt16LittleEndian(b[4..]),
        b[6],
        b[7],
        BinaryPrimitives.ReadUInt64LittleEndian(b));
}
