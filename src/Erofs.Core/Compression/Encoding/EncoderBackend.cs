namespace Erofs.Compression.Encoding;

/// <summary>The library behind an encoder. <see cref="Auto"/> picks the best one that loads.</summary>
internal enum EncoderBackend
{
    /// <summary>Choose by availability: liblz4, else the managed LZ4 encoder; libdeflate, else zlib.</summary>
    Auto,
    /// <summary>liblz4.so.1: <c>LZ4_compress_destSize</c> / <c>LZ4_compress_HC_destSize</c>.</summary>
    Liblz4,
    /// <summary>Our managed greedy LZ4 destSize encoder (lz4hc levels are ignored).</summary>
    ManagedLz4,
    /// <summary>liblzma.so.5: <c>lzma_microlzma_encoder</c>.</summary>
    Liblzma,
    /// <summary>libdeflate.so.0 with the prefix search.</summary>
    Libdeflate,
    /// <summary>zlib (libz.so.1) raw deflate with the prefix search; levels 0-9.</summary>
    Zlib,
    /// <summary>ZstdSharp.Port (managed zstd) with the prefix search.</summary>
    ZstdSharp,
}
