namespace Erofs.Compression;

/// <summary>
/// Decodes one pcluster's compressed stream. Implementations are stateless per call and may be
/// used from many threads at once.
/// </summary>
internal interface IDecompressor
{
    /// <summary>The algorithm this decoder handles.</summary>
    CompressionAlgorithm Algorithm { get; }

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/>, never writing past it.
    /// </summary>
    /// <param name="source">
    /// The exact compressed stream: leading zero padding already stripped (source[0] != 0),
    /// the stream ends at the end of the span.
    /// </param>
    /// <param name="destination">Exactly the decompressed bytes wanted.</param>
    /// <param name="partial">
    /// False: the stream must decode to exactly destination.Length bytes (more or fewer is corruption).
    /// True: only the first destination.Length bytes of the stream's output are wanted (PARTIAL_REF
    /// extents, prefix reads); the stream must still produce at least that many.
    /// </param>
    /// <param name="nid">Inode being read, for the error message.</param>
    /// <param name="offset">Byte offset of the pcluster in the image, for the error message.</param>
    /// <exception cref="ErofsContentException">The stream is corrupt or has the wrong length.</exception>
    void Decompress(ReadOnlySpan<byte> source, Span<byte> destination, bool partial, ulong? nid = null, long? offset = null);
}
