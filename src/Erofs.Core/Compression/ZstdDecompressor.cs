using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Erofs.Compression;

/// <summary>
/// Zstandard decoding with ZstdSharp.Port (managed port of zstd 1.5.7). Exact extents use the one-shot
/// decoder straight into the destination (it never trusts the frame's content size, and fails with
/// "destination too small" on longer output); partial extents use the streaming decoder, whose window
/// buffer is capped by the superblock's windowlog (≤ 1 MiB), as the kernel does.
/// </summary>
internal sealed class ZstdDecompressor : DecompressorBase
{
    // ZSTD_DCtx is not thread-safe and costs ~100 KiB to create, so each thread keeps its own.
    [ThreadStatic]
    private static Decompressor? t_context;

    private readonly int _windowLogMax;

    /// <summary>Creates a decoder for frames whose window is at most 2^<paramref name="windowLogMax"/> bytes (10..31).</summary>
    public ZstdDecompressor(int windowLogMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLogMax, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowLogMax, 31);
        _windowLogMax = windowLogMax;
    }

    /// <summary>log2 of the largest window a partial decode accepts.</summary>
    public int WindowLogMax => _windowLogMax;

    /// <inheritdoc/>
    public override CompressionAlgorithm Algorithm => CompressionAlgorithm.Zstd;

    /// <inheritdoc/>
    protected override int Decode(ReadOnlySpan<byte> source, Span<byte> destination, bool partial)
    {
        var context = t_context ??= new Decompressor();
        if (!partial)
        {
            // Decodes every frame in source; output beyond destination is an error, not a write.
            if (!context.TryUnwrap(source, destination, out int written))
                throw TooLong(destination.Length);
            return written;
        }
        return DecodePrefix(context, source, destination);
    }

    private int DecodePrefix(Decompressor context, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // A previous call may have stopped mid-frame (or thrown): start a fresh session.
        context.ResetStream();
        context.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, _windowLogMax);
        int read = 0, written = 0;
        while (written < destination.Length)
        {
            context.UnwrapStream(source[read..], destination[written..], out int consumed, out int produced);
            read += consumed;
            written += produced;
            if (consumed == 0 && produced == 0)
                break;   // input exhausted (or truncated frame): the caller reports the short stream
        }
        return written;
    }
}
