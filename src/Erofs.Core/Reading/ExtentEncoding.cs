namespace Erofs.Reading;

/// <summary>How the stored bytes of an extent turn into file bytes.</summary>
public enum ExtentEncoding
{
    /// <summary>Stored as is (flat and chunk-based files), or nothing stored (holes).</summary>
    None,
    /// <summary>LZ4 block format.</summary>
    Lz4,
    /// <summary>MicroLZMA.</summary>
    Lzma,
    /// <summary>Raw DEFLATE.</summary>
    Deflate,
    /// <summary>Zstandard.</summary>
    Zstd,
    /// <summary>Uncompressed cluster of a compressed file, stored from the cluster start.</summary>
    Shifted,
    /// <summary>Uncompressed cluster of a compressed file, rotated inside its block.</summary>
    Interlaced,
}
