using K4os.Compression.LZ4;

namespace Erofs.Compression;

/// <summary>
/// LZ4 block decoding with Debian's liblz4 when it loads, else K4os.Compression.LZ4 (managed port of lz4 1.9.x):
/// <c>Decode</c> = LZ4_decompress_safe (output must fit, input must end exactly at the last literals),
/// <c>PartialDecode</c> = LZ4_decompress_safe_partial (stops once the destination is full).
/// </summary>
internal sealed class Lz4Decompressor : DecompressorBase
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly Lz4Decompressor Instance = new();

    /// <inheritdoc/>
    public override CompressionAlgorithm Algorithm => CompressionAlgorithm.Lz4;

    /// <inheritdoc/>
    protected override int Decode(ReadOnlySpan<byte> source, Span<byte> destination, bool partial)
    {
        int n = Interop.Liblz4.IsAvailable ? DecodeNative(source, destination, partial)
            : partial ? LZ4Codec.PartialDecode(source, destination) : LZ4Codec.Decode(source, destination);
        if (n >= 0)
            return n;
        // The safe decoder returns a negative value both for malformed sequences and for output past the end.
        throw new InvalidDataException(partial
            ? "malformed LZ4 sequence"
            : $"malformed LZ4 sequence, or the stream decodes to more than the {destination.Length} expected bytes");
    }

    // The same two decoders in Debian's liblz4, which decodes faster than the managed port under NativeAOT.
    private static unsafe int DecodeNative(ReadOnlySpan<byte> source, Span<byte> destination, bool partial)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return partial
                ? Interop.Liblz4.DecompressSafePartial(src, dst, source.Length, destination.Length, destination.Length)
                : Interop.Liblz4.DecompressSafe(src, dst, source.Length, destination.Length);
        }
    }
}
