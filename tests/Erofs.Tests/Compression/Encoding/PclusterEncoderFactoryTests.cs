using Erofs.Compression.Encoding;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>Which library the factory picks, the errors when one cannot serve, and encoders on many threads at once.</summary>
public sealed class PclusterEncoderFactoryTests
{
    [Theory]
    [InlineData(CompressorKind.Lz4, EncoderBackend.Liblz4)]
    [InlineData(CompressorKind.Lz4Hc, EncoderBackend.Liblz4)]
    [InlineData(CompressorKind.Lzma, EncoderBackend.Liblzma)]
    [InlineData(CompressorKind.Deflate, EncoderBackend.Libdeflate)]
    [InlineData(CompressorKind.Zstd, EncoderBackend.ZstdSharp)]
    internal void Auto_picks_the_native_library_present_here(CompressorKind kind, EncoderBackend expected)
        => Assert.Equal(expected, new PclusterEncoderFactory(EncoderSettings.Create(kind)).Backend);

    [Fact]
    public void A_backend_for_another_compressor_is_refused()
    {
        var e = Assert.Throws<NotSupportedException>(
            () => new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Zstd), EncoderBackend.Liblzma));
        Assert.Equal("the Liblzma encoder cannot compress zstd", e.Message);
    }

    [Fact]
    public void Zlib_refuses_libdeflate_only_levels_naming_the_package()
    {
        var e = Assert.Throws<NotSupportedException>(
            () => new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Deflate, 12), EncoderBackend.Zlib));
        Assert.Contains("deflate level 12 needs libdeflate.so.0 (apt install libdeflate0)", e.Message);
    }

    [Fact]
    public void Encoders_on_many_threads_give_the_same_streams_as_one_thread()
    {
        var input = EncoderInputs.Get("corelib", 256 << 10);
        foreach (var kind in Enum.GetValues<CompressorKind>())
        {
            var factory = new PclusterEncoderFactory(EncoderSettings.Create(kind));
            var chunks = Enumerable.Range(0, 16).Select(i => input.AsMemory(i * (16 << 10), 16 << 10)).ToArray();
            byte[] Encode(IPclusterEncoder encoder, ReadOnlyMemory<byte> chunk)
            {
                var output = new byte[4096];
                int written = encoder.Encode(chunk.Span, output, out int consumed);
                return [.. BitConverter.GetBytes(consumed), .. output.AsSpan(0, written)];
            }
            byte[][] sequential;
            using (var encoder = factory.Create())
                sequential = chunks.Select(c => Encode(encoder, c)).ToArray();
            var parallel = new byte[chunks.Length][];
            Parallel.For(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                () => factory.Create(),
                (i, _, encoder) => { parallel[i] = Encode(encoder, chunks[i]); return encoder; },
                encoder => encoder.Dispose());
            for (int i = 0; i < chunks.Length; i++)
                Assert.True(sequential[i].AsSpan().SequenceEqual(parallel[i]), $"{kind}: chunk {i} differs");
        }
    }
}
