using System.IO.Compression;
using Erofs.Compression;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace Erofs.Tests.Compression;

/// <summary>Encoders and sample data for the decompressor tests (each stream is one EROFS pcluster stream).</summary>
internal static class Codec
{
    /// <summary>Every algorithm by enum name, for [MemberData] (test methods are public, the enum is internal).</summary>
    public static TheoryData<string> All => new(Enum.GetNames<CompressionAlgorithm>());

    /// <summary>The algorithm named in a theory row.</summary>
    public static CompressionAlgorithm Parse(string name) => Enum.Parse<CompressionAlgorithm>(name);

    /// <summary>A decoder with generous settings (LZMA dict 8 MiB, Zstd window 1 MiB).</summary>
    public static IDecompressor Decoder(CompressionAlgorithm algorithm) => algorithm switch
    {
        CompressionAlgorithm.Lz4 => Lz4Decompressor.Instance,
        CompressionAlgorithm.Lzma => new LzmaDecompressor(8 << 20),
        CompressionAlgorithm.Deflate => DeflateDecompressor.Instance,
        _ => new ZstdDecompressor(20),
    };

    /// <summary>Compresses all of <paramref name="data"/> into one stream.</summary>
    public static byte[] Encode(CompressionAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        CompressionAlgorithm.Lz4 => Lz4(data),
        CompressionAlgorithm.Lzma => MicroLzmaEncoder.EncodeAll(data),
        CompressionAlgorithm.Deflate => Deflate(data),
        _ => Zstd(data),
    };

    public static byte[] Lz4(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[LZ4Codec.MaximumOutputSize(data.Length)];
        int n = LZ4Codec.Encode(data, buffer, LZ4Level.L09_HC);
        return buffer[..n];
    }

    public static byte[] Deflate(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
            deflate.Write(data);
        return output.ToArray();
    }

    public static byte[] Zstd(ReadOnlySpan<byte> data, int level = 3)
    {
        using var compressor = new Compressor(level);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>Compressible text-like bytes (a small alphabet with repeats), deterministic per seed.</summary>
    public static byte[] Text(int length, int seed)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, 64).Select(_ => RandomWord(random)).ToArray();
        var bytes = new List<byte>(length + 16);
        while (bytes.Count < length)
        {
            bytes.AddRange(words[random.Next(words.Length)]);
            bytes.Add((byte)(random.Next(8) == 0 ? '\n' : ' '));
        }
        return [.. bytes.Take(length)];
    }

    /// <summary>Incompressible bytes, deterministic per seed.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] RandomWord(Random random)
        => Enumerable.Range(0, random.Next(2, 10)).Select(_ => (byte)('a' + random.Next(26))).ToArray();
}
