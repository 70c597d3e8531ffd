using Xunit.Abstractions;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>Empty and tiny inputs, the smallest budgets, incompressible data, determinism and disposal, for every configuration.</summary>
public sealed class EncoderEdgeCaseTests(ITestOutputHelper log)
{
    public static TheoryData<string> Cases() => new(EncoderCase.All.Select(c => c.ToString()));

    private static EncoderCase Find(string config) => EncoderCase.All.Single(c => c.ToString() == config);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Empty_input_gives_an_empty_stream(string config)
    {
        using var encoder = Find(config).Factory(4096).Create();
        var output = new byte[4096];
        Array.Fill(output, (byte)0xA5);
        Assert.Equal(0, encoder.Encode([], output, out int consumed));
        Assert.Equal(0, consumed);
        Assert.All(output, b => Assert.Equal(0xA5, b));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tiny_and_block_sized_inputs_fit_in_one_block(string config)
    {
        using var encoder = Find(config).Factory(512).Create();
        var decoder = PclusterLoop.DecoderFor(encoder.Settings);
        foreach (int length in new[] { 1, 2, 13, 100, 511, 512, 513 })
        {
            var input = Codec.Text(length, length);
            var result = PclusterLoop.Run(encoder, input, 512, decoder);
            bool shrinks = Find(config) is not { Kind: "deflate", Level: 0 };
            if (length <= 100 || shrinks && length <= 512)
                Assert.True(result.Streams == 1, $"{length} bytes took {result.Streams} streams of one block");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_smallest_budget_works_and_a_smaller_one_is_refused(string config)
    {
        using var encoder = Find(config).Factory(4096).Create();
        var result = PclusterLoop.Run(encoder, Codec.Text(2000, 7), 16);
        Assert.True(result.Streams > 1);
        var e = Assert.Throws<ArgumentException>(() => encoder.Encode(Codec.Text(100, 8), new byte[15], out _));
        Assert.Contains("budget of 15 bytes", e.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Incompressible_input_fills_the_budget_with_slightly_less_input(string config)
    {
        // The builder stores such clusters uncompressed; here we only pin down what the encoder returns.
        using var encoder = Find(config).Factory(4096).Create();
        var input = Codec.Noise(64 << 10, 21);
        var output = new byte[4096];
        int written = encoder.Encode(input, output, out int consumed);
        log.WriteLine($"{config}: {consumed} random bytes in {written} of 4096");
        Assert.True(consumed < written, $"{consumed} random bytes in {written}");
        Assert.InRange(consumed, 4096 * 0.95, 4096);
        Assert.InRange(written, 4096 * 0.99, 4096);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_depends_only_on_the_input_and_the_budget(string config)
    {
        var @case = Find(config);
        var input = EncoderInputs.Get("licenses", 64 << 10);
        var output = new byte[4096];
        // One encoder walks the input; a fresh one, first used on other data, redoes each stream alone.
        using var walker = @case.Factory(4096).Create();
        for (int offset = 0; offset < input.Length;)
        {
            int written = walker.Encode(input.AsSpan(offset), output, out int consumed);
            using var fresh = @case.Factory(4096).Create();
            fresh.Encode(Codec.Noise(10_000, offset), new byte[4096], out _);
            var again = new byte[4096];
            Assert.Equal(written, fresh.Encode(input.AsSpan(offset), again, out int consumedAgain));
            Assert.Equal(consumed, consumedAgain);
            Assert.True(output.AsSpan(0, written).SequenceEqual(again.AsSpan(0, written)), $"stream at {offset} differs");
            offset += consumed;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_disposed_encoder_refuses_work(string config)
    {
        var encoder = Find(config).Factory(4096).Create();
        encoder.Dispose();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(Codec.Text(100, 1), new byte[4096], out _));
    }
}
