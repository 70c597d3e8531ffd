using Xunit.Abstractions;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>
/// Every compressor configuration × pcluster budget × input: loop the encoder over the whole input as the builder
/// will and check each stream (fits, non-zero first byte, decodes to the consumed bytes) and the fill of the budget.
/// </summary>
public sealed class PclusterRoundTripTests(ITestOutputHelper log)
{
    /// <summary>Budgets: one 512- or 1024-byte block and multiples of them, 4 KiB, 16 KiB and 64 KiB.</summary>
    private static readonly int[] Budgets = [512, 1024, 1536, 3072, 4096, 16384, 65536];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var config in EncoderCase.All)
        {
            foreach (int budget in Budgets)
                data.Add(config.ToString(), budget);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_stream_fits_decodes_and_fills_its_pcluster(string config, int budget)
    {
        var @case = EncoderCase.All.Single(c => c.ToString() == config);
        using var encoder = @case.Factory(budget).Create();
        foreach (string name in EncoderInputs.Names)
        {
            var input = EncoderInputs.Get(name, @case.InputLimit);
            var result = PclusterLoop.Run(encoder, input, budget);
            log.WriteLine($"{name,-10} {input.Length,8} B -> {result.Streams,5} streams, {result.CompressedBytes,8} B, " +
                $"input/stream {result.MeanConsumedPerStream,9:F1}, min fill {result.MinFill:F3}");
            // Every stream but the last (which holds what was left) uses at least 90 % of its budget.
            Assert.True(result.MinFill >= 0.9, $"{name}: a stream used only {result.MinFill:P1} of {budget} bytes");
            bool storesOnly = @case.Kind == "deflate" && @case.Level == 0;   // libdeflate level 0 writes stored blocks
            if (EncoderInputs.IsCompressible(name) && !storesOnly)
                Assert.True(result.CompressedBytes < input.Length, $"{name}: {result.CompressedBytes} bytes for {input.Length} of input");
        }
    }
}
