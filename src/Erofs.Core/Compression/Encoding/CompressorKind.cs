namespace Erofs.Compression.Encoding;

/// <summary>The compressors mkfs offers (<c>-z</c> names). LZ4 and LZ4HC write the same format (algorithm 0).</summary>
internal enum CompressorKind
{
    /// <summary>"lz4": fast LZ4, no levels.</summary>
    Lz4,
    /// <summary>"lz4hc": LZ4 with the high-compression parser, levels 0-12.</summary>
    Lz4Hc,
    /// <summary>"lzma": MicroLZMA, levels 0-9 and 100-109 (extreme presets).</summary>
    Lzma,
    /// <summary>"deflate" (alias "libdeflate"): raw DEFLATE, levels 0-12 (0-9 with the zlib fallback).</summary>
    Deflate,
    /// <summary>"zstd": Zstandard, levels up to 22.</summary>
    Zstd,
}

/// <summary>Helpers for <see cref="CompressorKind"/>.</summary>
internal static class CompressorKinds
{
    /// <summary>The on-disk algorithm id the compressor's streams use.</summary>
    public static CompressionAlgorithm Algorithm(this CompressorKind kind) => kind switch
    {
        CompressorKind.Lz4 or CompressorKind.Lz4Hc => CompressionAlgorithm.Lz4,
        CompressorKind.Lzma => CompressionAlgorithm.Lzma,
        CompressorKind.Deflate => CompressionAlgorithm.Deflate,
        _ => CompressionAlgorithm.Zstd,
    };

    /// <summary>The mkfs name: "lz4", "lz4hc", "lzma", "deflate" or "zstd".</summary>
    public static string MkfsName(this CompressorKind kind) => kind switch
    {
        CompressorKind.Lz4 => "lz4",
        CompressorKind.Lz4Hc => "lz4hc",
        CompressorKind.Lzma => "lzma",
        CompressorKind.Deflate => "deflate",
        _ => "zstd",
    };

    /// <summary>Parses an mkfs name (case-sensitive, as mkfs.erofs; "libdeflate" is accepted for DEFLATE).</summary>
    public static bool TryParse(string name, out CompressorKind kind)
    {
        switch (name)
        {
            case "lz4": kind = CompressorKind.Lz4; return true;
            case "lz4hc": kind = CompressorKind.Lz4Hc; return true;
            case "lzma": kind = CompressorKind.Lzma; return true;
            case "deflate" or "libdeflate": kind = CompressorKind.Deflate; return true;
            case "zstd": kind = CompressorKind.Zstd; return true;
            default: kind = default; return false;
        }
    }
}
