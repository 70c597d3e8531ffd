namespace Erofs.Building.Compressing;

/// <summary>
/// How regular files are compressed (mkfs <c>-z</c>, <c>-C</c>, <c>--compress-hints</c> and the compression
/// <c>-E</c> features). Files are compressed with fixed-size output: each physical cluster (pcluster) holds as
/// much input as fits.
/// </summary>
public sealed record CompressionOptions
{
    /// <summary>The <c>-z</c> list: the first is the default, hints choose the others by index (at least one).</summary>
    public required IReadOnlyList<CompressorOptions> Compressors { get; init; }
    /// <summary>Default (and largest without hints) pcluster size in bytes (mkfs <c>-C</c>); 0 means one block.</summary>
    public int PclusterSize { get; init; }
    /// <summary>Per-path pcluster size and compressor (mkfs <c>--compress-hints</c>), first match wins.</summary>
    public IReadOnlyList<CompressHint> Hints { get; init; } = [];
    /// <summary>Full (legacy) lcluster indexes instead of compact ones (mkfs <c>-E legacy-compress</c>).</summary>
    public bool LegacyIndexes { get; init; }
    /// <summary>Store a file's last pcluster inline after its indexes when it is smaller than a block (<c>-E ztailpacking</c>).</summary>
    public bool TailPacking { get; init; }
    /// <summary>Reuse identical compressed pclusters across files (<c>-E dedupe</c>).</summary>
    public bool Dedupe { get; init; }
    /// <summary>
    /// Keep each file's tail (what is left after its last full pcluster, when it fits one pcluster) in the packed
    /// inode instead of a pcluster of its own (<c>-E fragments</c>).
    /// </summary>
    public bool Fragments { get; init; }
    /// <summary>Keep whole files in the packed inode (<c>-E all-fragments</c>; implies <see cref="Fragments"/>).</summary>
    public bool AllFragments { get; init; }
    /// <summary>Store identical fragments once in the packed inode (<c>-E fragdedupe</c>, on by default as in mkfs.erofs).</summary>
    public bool FragmentDedupe { get; init; } = true;
    /// <summary>Pcluster size of the packed inode in bytes (<c>-E fragments=SIZE</c>); 0 = the <see cref="PclusterSize"/>.</summary>
    public int PackedPclusterSize { get; init; }
    /// <summary>Largest number of file bytes one pcluster may decode to (mkfs <c>--max-extent-bytes</c>); 0 = default.</summary>
    public long MaxExtentBytes { get; init; }

    /// <summary>
    /// Checks every value against <paramref name="blockSize"/> (algorithm names and levels, pcluster sizes, hint
    /// indexes and patterns, extent limit) and that the compression libraries are present, before any work.
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it (and the hint's file:line).</exception>
    /// <exception cref="NotSupportedException">A compression library is missing; the message names the package.</exception>
    public void Validate(int blockSize)
    {
        using var setup = CompressionSetup.Create(this, blockSize);
    }
}
