using Erofs.Compression.Encoding;

namespace Erofs.Benchmarks;

/// <summary>Parses a benchmark parameter like "lz4hc:9", "deflate:6@Zlib" or "lz4@ManagedLz4" into a factory.</summary>
internal static class EncoderChoice
{
    public static PclusterEncoderFactory Factory(string choice, int pclusterBytes)
    {
        var (spec, backend) = choice.Split('@') is [var s, var b] ? (s, Enum.Parse<EncoderBackend>(b)) : (choice, EncoderBackend.Auto);
        var parts = spec.Split(':');
        if (!CompressorKinds.TryParse(parts[0], out var kind))
            throw new ArgumentException($"unknown compressor {parts[0]}");
        int? level = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : null;
        return new PclusterEncoderFactory(EncoderSettings.Create(kind, level, maxPclusterBytes: pclusterBytes), backend);
    }

    /// <summary>Encodes all of <paramref name="input"/> into pclusters of <paramref name="pclusterBytes"/>; returns how many.</summary>
    public static int EncodeAll(IPclusterEncoder encoder, byte[] input, byte[] output)
    {
        int streams = 0;
        for (int offset = 0; offset < input.Length; streams++)
        {
            encoder.Encode(input.AsSpan(offset), output, out int consumed);
            offset += consumed;
        }
        return streams;
    }
}
