namespace Erofs.Compression;

/// <summary>EROFS compression algorithm ids (Z_EROFS_COMPRESSION_*), as stored in h_algorithmtype and encoded extents.</summary>
internal enum CompressionAlgorithm : byte
{
    /// <summary>LZ4 block format (no frame).</summary>
    Lz4 = 0,
    /// <summary>MicroLZMA: raw LZMA1 without end marker, first byte = ~properties.</summary>
    Lzma = 1,
    /// <summary>Raw DEFLATE (no zlib header).</summary>
    Deflate = 2,
    /// <summary>Zstandard frame(s).</summary>
    Zstd = 3,
}

/// <summary>Helpers for <see cref="CompressionAlgorithm"/>.</summary>
internal static class CompressionAlgorithms
{
    /// <summary>Number of algorithm ids this reader knows (0..Count-1).</summary>
    public const int Count = 4;

    /// <summary>The name used in messages ("LZ4", "LZMA", "DEFLATE", "Zstd", or "algorithm N").</summary>
    public static string Name(this CompressionAlgorithm algorithm) => algorithm switch
    {
        CompressionAlgorithm.Lz4 => "LZ4",
        CompressionAlgorithm.Lzma => "LZMA",
        CompressionAlgorithm.Deflate => "DEFLATE",
        CompressionAlgorithm.Zstd => "Zstd",
        _ => $"compression algorithm {(byte)algorithm}",
    };

    /// <summary>True for the ids 0..3 defined by the format.</summary>
    public static bool IsKnown(this CompressionAlgorithm algorithm) => (byte)algorithm < Count;
}
