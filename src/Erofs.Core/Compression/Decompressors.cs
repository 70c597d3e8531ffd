namespace Erofs.Compression;

/// <summary>
/// The decoders of one image, configured from its <see cref="CompressionConfig"/>. Thread-safe:
/// the decoders hold only immutable settings.
/// </summary>
internal sealed class Decompressors
{
    private readonly IDecompressor?[] _byId = new IDecompressor?[CompressionAlgorithms.Count];

    /// <summary>Creates the decoders for every algorithm <paramref name="config"/> lists as available.</summary>
    public Decompressors(CompressionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        foreach (var algorithm in config.Algorithms)
            _byId[(int)algorithm] = Create(algorithm, config);
    }

    /// <summary>The configuration the decoders were made from.</summary>
    public CompressionConfig Config { get; }

    /// <summary>The decoder for <paramref name="algorithm"/>, as used by inode <paramref name="nid"/>.</summary>
    /// <exception cref="NotSupportedException">The id is unknown (4..15), or LZMA is asked for and liblzma.so.5 is missing.</exception>
    /// <exception cref="ErofsContentException">The superblock does not list the algorithm as available.</exception>
    public IDecompressor Get(CompressionAlgorithm algorithm, ulong nid)
    {
        if (!algorithm.IsKnown())
            throw new NotSupportedException($"inode {nid} uses {algorithm.Name()}, which this reader does not know");
        var decompressor = _byId[(int)algorithm]
            ?? throw new ErofsContentException(
                $"the inode uses {algorithm.Name()}, which the superblock does not list as available (available_compr_algs 0x{Config.AvailableAlgorithms:x})",
                nid);
        // Checked here rather than at construction: an LZMA image whose files we never decompress stays readable.
        if (algorithm == CompressionAlgorithm.Lzma && !Interop.Liblzma.IsAvailable)
            throw new NotSupportedException(Interop.Liblzma.MissingMessage);
        return decompressor;
    }

    private static IDecompressor Create(CompressionAlgorithm algorithm, CompressionConfig config) => algorithm switch
    {
        CompressionAlgorithm.Lz4 => Lz4Decompressor.Instance,
        CompressionAlgorithm.Lzma => new LzmaDecompressor(config.LzmaDictionarySize),
        CompressionAlgorithm.Deflate => DeflateDecompressor.Instance,
        _ => new ZstdDecompressor(10 + config.ZstdWindowLog),
    };
}
