using System.Numerics;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Erofs.Compression.Encoding;

/// <summary>
/// Zstandard through ZstdSharp.Port (managed zstd 1.5.7, one <c>ZSTD_compress2</c> per try) with the prefix search of
/// <see cref="FitBlockEncoder"/>: zstd has no fixed-output mode. ZSTD_c_windowLog = log2 of the settings' window, so
/// every frame's window fits the superblock's windowlog. One frame per stream; its magic (28 B5 2F FD) makes the
/// first byte non-zero.
/// </summary>
internal sealed class ZstdEncoder : FitBlockEncoder
{
    private readonly Compressor _compressor;

    /// <summary>Creates an encoder with its own ZSTD_CCtx.</summary>
    public ZstdEncoder(EncoderSettings settings) : base(settings)
    {
        _compressor = new Compressor(settings.Level);
        _compressor.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, BitOperations.Log2(settings.DictionarySize));
    }

    /// <inheritdoc/>
    protected override string Name => "ZSTD_compress2";

    /// <inheritdoc/>
    protected override int Compress(ReadOnlySpan<byte> input, Span<byte> destination)
        => _compressor.TryWrap(input, destination, out int written) ? written : -1;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _compressor.Dispose();
    }
}
