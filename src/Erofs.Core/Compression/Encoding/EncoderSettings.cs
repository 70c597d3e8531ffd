using System.Numerics;

namespace Erofs.Compression.Encoding;

/// <summary>
/// A validated compressor choice — kind, level and dictionary/window — with mkfs.erofs's defaults, and the values
/// the superblock's compression configuration records must declare for its streams (erofs-format.md §2.2).
/// </summary>
internal sealed class EncoderSettings
{
    /// <summary>The largest pcluster EROFS allows (Z_EROFS_PCLUSTER_MAX_SIZE).</summary>
    public const int MaxPclusterBytes = CompressionConfig.MaxPclusterBytes;
    /// <summary>LZ4's match offsets are 16-bit: no match reaches further back than this.</summary>
    public const ushort Lz4MaxMatchDistance = 65535;
    /// <summary>DEFLATE's window (windowbits 15); libdeflate always uses all of it.</summary>
    public const uint DeflateWindowBytes = 1 << 15;
    /// <summary>The smallest MicroLZMA dictionary (LZMA_DICT_SIZE_MIN).</summary>
    public const uint MinLzmaDictionary = 4096;
    /// <summary>The smallest Zstd window (ZSTD_WINDOWLOG_MIN = 10).</summary>
    public const uint MinZstdWindow = 1 << 10;
    /// <summary>The largest Zstd window EROFS allows (windowlog field 10).</summary>
    public const uint MaxZstdWindow = 1 << 20;

    private EncoderSettings(CompressorKind kind, int level, uint dictionarySize)
    {
        Kind = kind;
        Level = level;
        DictionarySize = dictionarySize;
    }

    /// <summary>The compressor.</summary>
    public CompressorKind Kind { get; }
    /// <summary>The on-disk algorithm id (LZ4 for both lz4 and lz4hc).</summary>
    public CompressionAlgorithm Algorithm => Kind.Algorithm();
    /// <summary>The level (0 for lz4, which has none).</summary>
    public int Level { get; }
    /// <summary>
    /// How far back the streams may reach, in bytes: LZMA dictionary, DEFLATE window (32 KiB), Zstd window
    /// (a power of two), or 65536 for LZ4 (offsets up to <see cref="Lz4MaxMatchDistance"/>).
    /// </summary>
    public uint DictionarySize { get; }

    /// <summary>The LZ4 record's max_distance (65535), 0 for other algorithms.</summary>
    public ushort Lz4MaxDistance => Algorithm == CompressionAlgorithm.Lz4 ? Lz4MaxMatchDistance : (ushort)0;
    /// <summary>The LZMA record's dict_size, 0 for other algorithms.</summary>
    public uint LzmaDictionarySize => Kind == CompressorKind.Lzma ? DictionarySize : 0;
    /// <summary>The DEFLATE record's windowbits (15), 0 for other algorithms.</summary>
    public byte DeflateWindowBits => Kind == CompressorKind.Deflate ? (byte)BitOperations.Log2(DictionarySize) : (byte)0;
    /// <summary>The Zstd record's windowlog field (log2(window) − 10), 0 for other algorithms.</summary>
    public byte ZstdWindowLog => Kind == CompressorKind.Zstd ? (byte)(BitOperations.Log2(DictionarySize) - 10) : (byte)0;

    /// <summary>A short description for messages, e.g. "lzma level 6, dictionary 65536".</summary>
    public override string ToString() => Kind switch
    {
        CompressorKind.Lz4 => "lz4",
        CompressorKind.Lzma or CompressorKind.Zstd => $"{Kind.MkfsName()} level {Level}, dictionary {DictionarySize}",
        _ => $"{Kind.MkfsName()} level {Level}",
    };

    /// <summary>
    /// Validates a choice and fills in mkfs.erofs's defaults: lz4hc level 9, lzma 6, deflate 1, zstd 3; LZMA dictionary
    /// clamp(4 × largest pcluster, 32 KiB, 8 MiB); Zstd window = the largest power of two ≤ min(8 × largest pcluster, 1 MiB).
    /// </summary>
    /// <param name="kind">The compressor.</param>
    /// <param name="level">The level, or null for the default. lz4 takes none.</param>
    /// <param name="dictionarySize">LZMA dictionary (4 KiB–8 MiB), Zstd window (a power of two, 1 KiB–1 MiB), DEFLATE
    /// window (only 32 KiB); null for the default. lz4 and lz4hc take none.</param>
    /// <param name="maxPclusterBytes">The largest pcluster the image will use (for the defaults).</param>
    /// <exception cref="ArgumentException">A value is out of range; the message names the compressor and the range.</exception>
    public static EncoderSettings Create(CompressorKind kind, int? level = null, uint? dictionarySize = null, int maxPclusterBytes = 4096)
    {
        if (maxPclusterBytes is < 1 or > MaxPclusterBytes)
            throw new ArgumentException($"the largest pcluster size {maxPclusterBytes} is out of range (1-{MaxPclusterBytes} bytes)");
        string name = kind.MkfsName();
        int resolvedLevel = ResolveLevel(kind, level, name);
        uint dictionary = kind switch
        {
            CompressorKind.Lz4 or CompressorKind.Lz4Hc => dictionarySize is null
                ? Lz4MaxMatchDistance + 1u
                : throw new ArgumentException($"{name} takes no dictionary size (its window is fixed at 64 KiB)"),
            CompressorKind.Lzma => LzmaDictionary(dictionarySize, maxPclusterBytes),
            CompressorKind.Deflate => dictionarySize is null or DeflateWindowBytes
                ? DeflateWindowBytes
                : throw new ArgumentException($"deflate dictionary size {dictionarySize} is not supported: the window is always {DeflateWindowBytes} bytes"),
            _ => ZstdWindow(dictionarySize, maxPclusterBytes),
        };
        return new EncoderSettings(kind, resolvedLevel, dictionary);
    }

    /// <summary>
    /// Returns <paramref name="config"/> with this algorithm marked available and its limit raised to cover these
    /// streams (the written value is the maximum over every compressor of the algorithm, as mkfs does).
    /// </summary>
    public CompressionConfig AddTo(CompressionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config = config with { AvailableAlgorithms = (ushort)(config.AvailableAlgorithms | 1 << (int)Algorithm) };
        return Algorithm switch
        {
            CompressionAlgorithm.Lz4 => config with { Lz4MaxDistance = Math.Max(config.Lz4MaxDistance, Lz4MaxDistance) },
            CompressionAlgorithm.Lzma => config with { LzmaDictionarySize = Math.Max(config.LzmaDictionarySize, LzmaDictionarySize) },
            CompressionAlgorithm.Deflate => config with { DeflateWindowBits = Math.Max(config.DeflateWindowBits, DeflateWindowBits) },
            _ => config with { ZstdWindowLog = Math.Max(config.ZstdWindowLog, ZstdWindowLog) },
        };
    }

    private static int ResolveLevel(CompressorKind kind, int? level, string name)
    {
        var (fallback, valid, range) = kind switch
        {
            CompressorKind.Lz4 => (0, level is null, "none"),
            CompressorKind.Lz4Hc => (9, level is null or (>= 0 and <= 12), "0-12"),
            CompressorKind.Lzma => (6, level is null or (>= 0 and <= 9) or (>= 100 and <= 109), "0-9 or 100-109"),
            CompressorKind.Deflate => (1, level is null or (>= 0 and <= 12), "0-12"),
            _ => (3, level is null || (level >= ZstdSharp.Compressor.MinCompressionLevel && level <= ZstdSharp.Compressor.MaxCompressionLevel),
                $"{ZstdSharp.Compressor.MinCompressionLevel} to {ZstdSharp.Compressor.MaxCompressionLevel}"),
        };
        if (!valid)
            throw new ArgumentException(kind == CompressorKind.Lz4
                ? "lz4 has no compression levels (lz4hc has 0-12)"
                : $"{name} level {level} is out of range ({range})");
        return level ?? fallback;
    }

    private static uint LzmaDictionary(uint? requested, int maxPclusterBytes)
    {
        uint dictionary = requested ?? (uint)Math.Clamp(4L * maxPclusterBytes, 32 << 10, CompressionConfig.MaxLzmaDictionary);
        if (dictionary is < MinLzmaDictionary or > CompressionConfig.MaxLzmaDictionary)
            throw new ArgumentException(
                $"lzma dictionary size {dictionary} is out of range ({MinLzmaDictionary}-{CompressionConfig.MaxLzmaDictionary})");
        return dictionary;
    }

    private static uint ZstdWindow(uint? requested, int maxPclusterBytes)
    {
        uint window = requested ?? Math.Max(MinZstdWindow, 1u << BitOperations.Log2((uint)Math.Min(8L * maxPclusterBytes, MaxZstdWindow)));
        if (window is < MinZstdWindow or > MaxZstdWindow || !BitOperations.IsPow2(window))
            throw new ArgumentException(
                $"zstd dictionary size {window} must be a power of two from {MinZstdWindow} to {MaxZstdWindow}");
        return window;
    }
}
