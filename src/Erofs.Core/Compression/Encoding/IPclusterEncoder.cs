namespace Erofs.Compression.Encoding;

/// <summary>
/// Fixed-output ("destsize") compression of one EROFS pcluster: packs the longest prefix of the input it can
/// into a given number of bytes, as one standalone stream.
/// </summary>
/// <remarks>
/// Every stream an encoder returns (written &gt; 0)
/// <list type="bullet">
/// <item>decodes on its own (no dictionary carried between pclusters) to exactly the consumed prefix;</item>
/// <item>ends exactly at its last byte (MicroLZMA needs the exact compressed length);</item>
/// <item>starts with a non-zero byte, so the builder may right-align it behind zero padding (0padding);</item>
/// <item>stays within the limits of <see cref="Settings"/> (LZ4 distance, LZMA dictionary, DEFLATE/Zstd window),
/// which the superblock's compression configuration records declare.</item>
/// </list>
/// The result depends only on the input, the output length and the settings, never on earlier calls, so an
/// image is the same whichever thread encodes which pcluster. Instances keep reusable state and are not
/// thread-safe: one per thread, made by <see cref="PclusterEncoderFactory"/>.
/// </remarks>
internal interface IPclusterEncoder : IDisposable
{
    /// <summary>The algorithm, level and limits this encoder works with.</summary>
    EncoderSettings Settings { get; }

    /// <summary>
    /// Compresses the longest prefix of <paramref name="input"/> that fits into <paramref name="output"/>.
    /// </summary>
    /// <param name="input">The data still to store; the encoder may look at all of it.</param>
    /// <param name="output">The budget: the stream is written from output[0] and is at most output.Length
    /// (≥ <see cref="EncoderContract.MinOutputBytes"/>) bytes long.</param>
    /// <param name="consumed">The length of the prefix of <paramref name="input"/> the stream holds; 0 only
    /// when the input is empty.</param>
    /// <returns>The stream length (0 when the input is empty).</returns>
    /// <remarks>Incompressible input yields a stream about as long as the budget holding slightly less input
    /// than that; the builder then stores such a cluster uncompressed.</remarks>
    /// <exception cref="ArgumentException">The output is shorter than <see cref="EncoderContract.MinOutputBytes"/>.</exception>
    int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed);
}
