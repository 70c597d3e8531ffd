using Erofs.Compression;
using Erofs.Compression.Encoding;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>What encoding a whole input pcluster after pcluster produced.</summary>
internal sealed record LoopResult(int Streams, long CompressedBytes, double MinFill, double MeanConsumedPerStream);

/// <summary>
/// Runs an encoder over a whole input the way the builder will (encode, advance by the consumed length) and checks
/// every stream: inside the budget, non-zero first byte, decodes with the reader's decoder to exactly the consumed
/// bytes (exactly, and a prefix — the partial decoder enforces the configured Zstd window).
/// </summary>
internal static class PclusterLoop
{
    public static LoopResult Run(IPclusterEncoder encoder, ReadOnlySpan<byte> input, int budget, IDecompressor? decoder = null)
    {
        decoder ??= DecoderFor(encoder.Settings);
        var output = new byte[budget];
        int offset = 0, streams = 0;
        long compressed = 0;
        double minFill = 1;
        while (offset < input.Length)
        {
            int written = encoder.Encode(input[offset..], output, out int consumed);
            string where = $"{encoder.Settings} stream {streams} at input offset {offset}, budget {budget}";
            Assert.True(written >= 1 && written <= budget, $"{where}: wrote {written}");
            Assert.True(consumed >= 1 && consumed <= input.Length - offset, $"{where}: consumed {consumed}");
            Assert.True(output[0] != 0, $"{where}: first byte is zero");
            CheckDecodes(decoder, output.AsSpan(0, written), input.Slice(offset, consumed), where);
            if (offset + consumed < input.Length)
                minFill = Math.Min(minFill, (double)written / budget);   // the last stream holds only what was left
            offset += consumed;
            compressed += written;
            streams++;
        }
        return new LoopResult(streams, compressed, minFill, (double)input.Length / Math.Max(1, streams));
    }

    /// <summary>The reader's decoder for these settings, built from the config records they would declare.</summary>
    public static IDecompressor DecoderFor(EncoderSettings settings)
        => new Decompressors(settings.AddTo(new CompressionConfig { HasConfigRecords = true })).Get(settings.Algorithm, nid: 1);

    private static void CheckDecodes(IDecompressor decoder, ReadOnlySpan<byte> stream, ReadOnlySpan<byte> expected, string where)
    {
        var decoded = new byte[expected.Length];
        decoder.Decompress(stream, decoded, partial: false);
        Assert.True(expected.SequenceEqual(decoded), $"{where}: exact decoding differs");
        // A strict prefix, as for a partial extent: this is also what makes zstd check the frame's window
        // (with room for all of a single-segment frame it decodes in one pass without looking at it).
        var prefix = decoded.AsSpan(0, Math.Max(1, expected.Length - 1));
        prefix.Clear();
        decoder.Decompress(stream, prefix, partial: true);
        Assert.True(expected[..prefix.Length].SequenceEqual(prefix), $"{where}: partial decoding differs");
    }
}
