using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Compression;

/// <summary>
/// The image-wide compression settings: the superblock's u1 field and, with INCOMPAT_COMPR_CFGS, the
/// per-algorithm records that follow the superblock (erofs-format.md §2.2).
/// </summary>
internal sealed record CompressionConfig
{
    /// <summary>Largest pcluster the format allows (Z_EROFS_PCLUSTER_MAX_SIZE).</summary>
    public const int MaxPclusterBytes = 1 << 20;
    /// <summary>Largest MicroLZMA dictionary (Z_EROFS_LZMA_MAX_DICT_SIZE).</summary>
    public const uint MaxLzmaDictionary = 8u << 20;
    /// <summary>Largest Zstd windowlog field (window 2^(10+10) = 1 MiB).</summary>
    public const int MaxZstdWindowLog = 10;

    /// <summary>Bitmap of usable algorithms: bit n = <see cref="CompressionAlgorithm"/> n.</summary>
    public ushort AvailableAlgorithms { get; init; }
    /// <summary>True when the image has INCOMPAT_COMPR_CFGS (records were read).</summary>
    public bool HasConfigRecords { get; init; }
    /// <summary>True by the Linux 7.0 rule: the image may hold compressed inodes at all.</summary>
    public bool IsCompressedFilesystem { get; init; }
    /// <summary>LZ4 max_distance (u1 without COMPR_CFGS); 0 = default (64 KiB).</summary>
    public ushort Lz4MaxDistance { get; init; }
    /// <summary>Largest LZ4 pcluster in blocks (1 without COMPR_CFGS; a stored 0 reads as 1).</summary>
    public ushort Lz4MaxPclusterBlocks { get; init; } = 1;
    /// <summary>MicroLZMA dictionary size in bytes (0 when LZMA is not available).</summary>
    public uint LzmaDictionarySize { get; init; }
    /// <summary>DEFLATE window bits (8..15; 0 when DEFLATE is not available).</summary>
    public byte DeflateWindowBits { get; init; }
    /// <summary>Zstd windowlog field: window = 2^(10 + value) bytes (0 when Zstd is not available).</summary>
    public byte ZstdWindowLog { get; init; }

    /// <summary>True when <paramref name="algorithm"/> is a known id and its bit is set.</summary>
    public bool IsAvailable(CompressionAlgorithm algorithm)
        => algorithm.IsKnown() && (AvailableAlgorithms & (1 << (int)algorithm)) != 0;

    /// <summary>The algorithms whose bit is set, in id order.</summary>
    public IEnumerable<CompressionAlgorithm> Algorithms
        => Enumerable.Range(0, CompressionAlgorithms.Count).Select(i => (CompressionAlgorithm)i).Where(IsAvailable);

    /// <summary>Reads the configuration of the image whose superblock is <paramref name="sb"/>.</summary>
    /// <exception cref="ErofsContentException">A record is malformed or lies outside the superblock's block.</exception>
    /// <exception cref="NotSupportedException">The bitmap names algorithms this reader does not know.</exception>
    public static CompressionConfig Read(Superblock sb, IBlockSource primary)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(primary);
        if ((sb.FeatureIncompat & FeatureIncompat.ComprCfgs) == 0)
            return Parse(sb, []);
        long start = Superblock.Position + sb.Size;
        long end = RecordAreaEnd(sb);
        if (start >= end)
            throw new ErofsContentException("compression configuration: no room after the superblock", offset: start);
        var area = new byte[end - start];
        primary.Read(start, area);
        return Parse(sb, area);
    }

    /// <summary>
    /// Decodes the configuration from <paramref name="records"/> = the bytes from 1024 + sb.Size to the end of
    /// the superblock's block (ignored without COMPR_CFGS).
    /// </summary>
    public static CompressionConfig Parse(Superblock sb, ReadOnlySpan<byte> records)
    {
        ArgumentNullException.ThrowIfNull(sb);
        bool zeroPadding = (sb.FeatureIncompat & FeatureIncompat.ZeroPadding) != 0;
        if ((sb.FeatureIncompat & FeatureIncompat.ComprCfgs) == 0)
        {
            // Pre-5.13 layout: LZ4 only, 1-block pclusters, u1 = lz4_max_distance.
            return new CompressionConfig
            {
                AvailableAlgorithms = 1 << (int)CompressionAlgorithm.Lz4,
                IsCompressedFilesystem = zeroPadding || sb.U1 != 0,
                Lz4MaxDistance = sb.U1,
            };
        }
        int unknown = sb.U1 & ~((1 << CompressionAlgorithms.Count) - 1);
        if (unknown != 0)
            throw new NotSupportedException($"the image uses unknown compression algorithms (available_compr_algs 0x{sb.U1:x4})");
        return new RecordReader(sb, records).ReadAll();
    }

    /// <summary>Absolute end of the area the records may use: the block that holds the superblock.</summary>
    internal static long RecordAreaEnd(Superblock sb)
        => sb.BlockSize > Superblock.Position ? sb.BlockSize : Superblock.Position + (long)sb.BlockSize;
}
