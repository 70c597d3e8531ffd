using Erofs.Compression;
using Erofs.Compression.Encoding;

namespace Erofs.Building.Compressing;

/// <summary>
/// The validated, image-wide side of <see cref="CompressionOptions"/>: one encoder factory per <c>-z</c> entry,
/// the compiled hints, the pcluster sizes, and what the superblock must declare (features, u1, records).
/// </summary>
internal sealed class CompressionSetup : IDisposable
{
    /// <summary>Largest decoded extent; the kernel refuses more than 12 MiB (Z_EROFS_PCLUSTER_MAX_DSIZE).</summary>
    public const int DefaultMaxExtentBytes = 8 << 20;

    private readonly List<(PosixRegex Regex, CompressHint Hint)> _hints = [];

    private CompressionSetup(CompressionOptions options, int blockSize)
    {
        BlockSize = blockSize;
        Options = options;
        DefaultPclusterBytes = options.PclusterSize == 0 ? blockSize : options.PclusterSize;
        CheckPcluster(DefaultPclusterBytes, "-C");
        PackedPclusterBytes = options.PackedPclusterSize == 0 ? DefaultPclusterBytes : options.PackedPclusterSize;
        CheckPcluster(PackedPclusterBytes, "-E fragments");
        MaxPclusterBytes = Math.Max(DefaultPclusterBytes, PackedPclusterBytes);
        foreach (var hint in options.Hints)
        {
            if (hint.PclusterSize != 0)
                CheckPcluster(hint.PclusterSize, hint.Location);
            if (hint.CompressorIndex < 0 || hint.CompressorIndex >= options.Compressors.Count)
                throw new ArgumentException($"{hint.Location}: algorithm index {hint.CompressorIndex} is out of range (the -z list has {options.Compressors.Count})");
            MaxPclusterBytes = Math.Max(MaxPclusterBytes, hint.PclusterSize);
        }
        Factories = [.. options.Compressors.Select(c => new PclusterEncoderFactory(Settings(c, MaxPclusterBytes)))];
        MaxExtentBytes = options.MaxExtentBytes switch
        {
            0 => DefaultMaxExtentBytes,
            < 0 or > 12 << 20 => throw new ArgumentException($"max extent bytes {options.MaxExtentBytes} is out of range (1 to {12 << 20})"),
            _ => (int)options.MaxExtentBytes,
        };
        Config = BuildConfig();
    }

    public CompressionOptions Options { get; }
    public int BlockSize { get; }
    public int DefaultPclusterBytes { get; }
    public int MaxPclusterBytes { get; }
    /// <summary>Pcluster size of the packed inode (fragments).</summary>
    public int PackedPclusterBytes { get; }
    /// <summary>Tails (or whole files) go to the packed inode.</summary>
    public bool UsesFragments => Options.Fragments || Options.AllFragments;
    public int MaxExtentBytes { get; }
    public IReadOnlyList<PclusterEncoderFactory> Factories { get; }
    /// <summary>What the superblock and the records declare.</summary>
    public CompressionConfig Config { get; }
    /// <summary>COMPR_CFGS and BIG_PCLUSTER (one bit): any algorithm besides LZ4, or pclusters over one block.</summary>
    public bool HasConfigRecords => Config.HasConfigRecords;

    /// <summary>Validates <paramref name="options"/> and compiles its hints.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message says which.</exception>
    /// <exception cref="NotSupportedException">A compression library is missing.</exception>
    public static CompressionSetup Create(CompressionOptions options, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Compressors.Count == 0)
            throw new ArgumentException("compression needs at least one algorithm");
        var setup = new CompressionSetup(options, blockSize);
        try
        {
            foreach (var hint in options.Hints)
                setup._hints.Add((Compile(hint), hint));
            return setup;
        }
        catch
        {
            setup.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The compressor (index into <see cref="Factories"/>) and pcluster size for the file at
    /// <paramref name="path"/> ("/dir/name"), or null when a hint says to store it uncompressed.
    /// </summary>
    public (int Compressor, int PclusterBytes)? PolicyFor(string path)
    {
        string relative = path.TrimStart('/');
        foreach (var (regex, hint) in _hints)
        {
            if (!regex.IsMatch(relative))
                continue;
            return hint.PclusterSize == 0 ? null : (hint.CompressorIndex, hint.PclusterSize);
        }
        return (0, DefaultPclusterBytes);
    }

    public void Dispose()
    {
        foreach (var (regex, _) in _hints)
            regex.Dispose();
    }

    private static PosixRegex Compile(CompressHint hint)
    {
        try
        {
            return new PosixRegex(hint.Pattern);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{hint.Location}: {e.Message}", e);
        }
    }

    private void CheckPcluster(int bytes, string where)
    {
        if (bytes < BlockSize || bytes % BlockSize != 0 || bytes > CompressionConfig.MaxPclusterBytes)
            throw new ArgumentException($"{where}: pcluster size {bytes} must be a multiple of the block size {BlockSize} up to {CompressionConfig.MaxPclusterBytes}");
    }

    private static EncoderSettings Settings(CompressorOptions c, int maxPclusterBytes)
    {
        if (!CompressorKinds.TryParse(c.Algorithm, out var kind))
            throw new ArgumentException($"unknown compression algorithm '{c.Algorithm}' (lz4, lz4hc, lzma, deflate, zstd)");
        return EncoderSettings.Create(kind, c.Level, c.DictionarySize, maxPclusterBytes);
    }

    private CompressionConfig BuildConfig()
    {
        var config = new CompressionConfig();
        foreach (var factory in Factories)
            config = factory.Settings.AddTo(config);
        bool records = MaxPclusterBytes > BlockSize || config.AvailableAlgorithms != 1 << (int)CompressionAlgorithm.Lz4;
        return config with
        {
            HasConfigRecords = records,
            IsCompressedFilesystem = true,
            Lz4MaxPclusterBlocks = (ushort)(config.IsAvailable(CompressionAlgorithm.Lz4) ? MaxPclusterBytes / BlockSize : 0),
        };
    }
}
