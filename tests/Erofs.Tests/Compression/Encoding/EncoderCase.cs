using Erofs.Compression.Encoding;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>One compressor configuration under test, serialisable as a theory argument ("zstd:19@ZstdSharp").</summary>
public sealed record EncoderCase(string Kind, int? Level, string Backend)
{
    /// <summary>The configurations the round-trip tests cover, fast ones first.</summary>
    public static readonly EncoderCase[] All =
    [
        new("lz4", null, "Liblz4"),
        new("lz4", null, "ManagedLz4"),
        new("lz4hc", 3, "Liblz4"),
        new("lz4hc", 9, "Liblz4"),
        new("lz4hc", 12, "Liblz4"),
        new("lzma", 0, "Liblzma"),
        new("lzma", 6, "Liblzma"),
        new("lzma", 109, "Liblzma"),
        new("deflate", 0, "Libdeflate"),
        new("deflate", 1, "Libdeflate"),
        new("deflate", 6, "Libdeflate"),
        new("deflate", 12, "Libdeflate"),
        new("deflate", 1, "Zlib"),
        new("deflate", 9, "Zlib"),
        new("zstd", -5, "ZstdSharp"),
        new("zstd", 3, "ZstdSharp"),
        new("zstd", 19, "ZstdSharp"),
    ];

    /// <summary>Slow configurations get shorter inputs so the suite stays quick.</summary>
    public int InputLimit => (Kind, Level) switch
    {
        ("lzma", _) => 256 << 10,
        ("zstd", 19) or ("deflate", 12) or ("lz4hc", 12) => 192 << 10,
        _ => 1 << 20,
    };

    /// <summary>The factory for this case with the largest pcluster <paramref name="maxPclusterBytes"/>.</summary>
    internal PclusterEncoderFactory Factory(int maxPclusterBytes)
    {
        Assert.True(CompressorKinds.TryParse(Kind, out var kind), Kind);
        var settings = EncoderSettings.Create(kind, Level, maxPclusterBytes: maxPclusterBytes);
        return new PclusterEncoderFactory(settings, Enum.Parse<EncoderBackend>(Backend));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}{(Level is { } l ? $":{l}" : "")}@{Backend}";
}
