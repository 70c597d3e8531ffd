using System.IO.Compression;

namespace Erofs.Compression;

/// <summary>
/// Raw DEFLATE decoding with the runtime's <see cref="DeflateStream"/> (zlib-ng). It reads only as much
/// output as asked for, so partial decoding is free; its window is always 32 KiB, which covers every
/// windowbits value (8..15) a superblock may announce.
/// </summary>
internal sealed class DeflateDecompressor : DecompressorBase
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly DeflateDecompressor Instance = new();

    /// <inheritdoc/>
    public override CompressionAlgorithm Algorithm => CompressionAlgorithm.Deflate;

    /// <inheritdoc/>
    protected override unsafe int Decode(ReadOnlySpan<byte> source, Span<byte> destination, bool partial)
    {
        fixed (byte* input = source)
        {
            using var compressed = new UnmanagedMemoryStream(input, source.Length);
            using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
            int total = 0;
            while (total < destination.Length)
            {
                int n = inflater.Read(destination[total..]);
                if (n == 0)
                    return total;   // input exhausted: the caller reports the short stream
                total += n;
            }
            // An exact extent must end here: one more byte of output means the stream is longer.
            Span<byte> probe = stackalloc byte[1];
            if (!partial && inflater.Read(probe) != 0)
                throw TooLong(destination.Length);
            return total;
        }
    }
}
