using Erofs.Interop;

namespace Erofs.Compression.Encoding;

/// <summary>
/// Makes <see cref="IPclusterEncoder"/>s for one compressor choice. Immutable and thread-safe: the builder creates
/// one factory per <c>-z</c> entry and one encoder per worker thread. The library is chosen (and its presence
/// checked) once, here, so a missing library fails before any work starts.
/// </summary>
internal sealed class PclusterEncoderFactory
{
    /// <summary>Message when no DEFLATE library loads.</summary>
    internal const string DeflateMissing = "DEFLATE compression needs libdeflate.so.0 (apt install libdeflate0) or libz.so.1 (apt install zlib1g)";
    /// <summary>Message when liblzma lacks the MicroLZMA encoder.</summary>
    internal const string LzmaMissing = "LZMA compression needs liblzma.so.5 version 5.4 or later (apt install liblzma5)";

    /// <summary>Chooses the library for <paramref name="settings"/>.</summary>
    /// <param name="settings">The validated compressor choice.</param>
    /// <param name="backend">A specific library (tests, benchmarks) or <see cref="EncoderBackend.Auto"/>.</param>
    /// <exception cref="NotSupportedException">The library is missing, or cannot do this kind or level; the message names it.</exception>
    public PclusterEncoderFactory(EncoderSettings settings, EncoderBackend backend = EncoderBackend.Auto)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Backend = backend == EncoderBackend.Auto ? Choose(settings) : backend;
        Validate(settings, Backend);
    }

    /// <summary>The compressor choice every encoder from this factory uses.</summary>
    public EncoderSettings Settings { get; }

    /// <summary>The library behind the encoders.</summary>
    public EncoderBackend Backend { get; }

    /// <summary>A new encoder with its own state, for one thread.</summary>
    public IPclusterEncoder Create() => Backend switch
    {
        EncoderBackend.Liblz4 => new Lz4NativeEncoder(Settings),
        EncoderBackend.ManagedLz4 => new ManagedLz4Encoder(Settings),
        EncoderBackend.Liblzma => new LzmaEncoder(Settings),
        EncoderBackend.Libdeflate => new LibdeflateEncoder(Settings),
        EncoderBackend.Zlib => new ZlibDeflateEncoder(Settings),
        _ => new ZstdEncoder(Settings),
    };

    private static EncoderBackend Choose(EncoderSettings settings) => settings.Kind switch
    {
        CompressorKind.Lz4 or CompressorKind.Lz4Hc => Liblz4.HasDestSizeCompressors ? EncoderBackend.Liblz4 : EncoderBackend.ManagedLz4,
        CompressorKind.Lzma => EncoderBackend.Liblzma,
        CompressorKind.Deflate => Libdeflate.IsAvailable || !Libz.HasDeflate ? EncoderBackend.Libdeflate : EncoderBackend.Zlib,
        _ => EncoderBackend.ZstdSharp,
    };

    private static void Validate(EncoderSettings settings, EncoderBackend backend)
    {
        var kind = settings.Kind;
        bool fits = backend switch
        {
            EncoderBackend.Liblz4 or EncoderBackend.ManagedLz4 => kind is CompressorKind.Lz4 or CompressorKind.Lz4Hc,
            EncoderBackend.Liblzma => kind == CompressorKind.Lzma,
            EncoderBackend.Libdeflate or EncoderBackend.Zlib => kind == CompressorKind.Deflate,
            EncoderBackend.ZstdSharp => kind == CompressorKind.Zstd,
            _ => false,
        };
        if (!fits)
            throw new NotSupportedException($"the {backend} encoder cannot compress {kind.MkfsName()}");
        string? missing = backend switch
        {
            EncoderBackend.Liblz4 when !Liblz4.HasDestSizeCompressors => "lz4 compression with liblz4 needs liblz4.so.1 version 1.9 or later (apt install liblz4-1)",
            EncoderBackend.Liblzma when !Liblzma.HasMicrolzmaEncoder => LzmaMissing,
            EncoderBackend.Libdeflate when !Libdeflate.IsAvailable => Libz.HasDeflate
                ? "deflate compression with libdeflate needs libdeflate.so.0 (apt install libdeflate0)"
                : DeflateMissing,
            EncoderBackend.Zlib when !Libz.HasDeflate => "deflate compression with zlib needs libz.so.1 (apt install zlib1g)",
            EncoderBackend.Zlib when settings.Level > 9 => $"deflate level {settings.Level} needs libdeflate.so.0 (apt install libdeflate0); zlib stops at 9",
            _ => null,
        };
        if (missing is not null)
            throw new NotSupportedException(missing);
    }
}
