using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Counts per file type.</summary>
public sealed record FileTypeCounts
{
    /// <summary>Regular files.</summary>
    public long Regular { get; init; }
    /// <summary>Directories (the root included).</summary>
    public long Directory { get; init; }
    /// <summary>Character devices.</summary>
    public long CharacterDevice { get; init; }
    /// <summary>Block devices.</summary>
    public long BlockDevice { get; init; }
    /// <summary>FIFOs.</summary>
    public long Fifo { get; init; }
    /// <summary>Sockets.</summary>
    public long Socket { get; init; }
    /// <summary>Symbolic links.</summary>
    public long Symlink { get; init; }

    /// <summary>Sum of all types.</summary>
    public long Total => Regular + Directory + CharacterDevice + BlockDevice + Fifo + Socket + Symlink;

    /// <summary>The count for one type (0 for <see cref="FileKind.Unknown"/>, which inodes never have).</summary>
    public long this[FileKind kind] => kind switch
    {
        FileKind.Regular => Regular,
        FileKind.Directory => Directory,
        FileKind.CharacterDevice => CharacterDevice,
        FileKind.BlockDevice => BlockDevice,
        FileKind.Fifo => Fifo,
        FileKind.Socket => Socket,
        FileKind.Symlink => Symlink,
        _ => 0,
    };
}

/// <summary>Distinct inodes per data layout.</summary>
public sealed record LayoutCounts
{
    /// <summary>flat_plain.</summary>
    public long FlatPlain { get; init; }
    /// <summary>flat_inline.</summary>
    public long FlatInline { get; init; }
    /// <summary>compressed_full.</summary>
    public long CompressedFull { get; init; }
    /// <summary>compressed_compact.</summary>
    public long CompressedCompact { get; init; }
    /// <summary>chunk_based.</summary>
    public long ChunkBased { get; init; }
}

/// <summary>Regular files whose size lies in [<paramref name="MinBytes"/>, <paramref name="MaxBytes"/>).</summary>
/// <param name="MinBytes">Smallest size counted (inclusive).</param>
/// <param name="MaxBytes">Upper bound (exclusive); null for the last, open bucket.</param>
/// <param name="Count">Number of distinct regular files.</param>
public sealed record SizeBucket(long MinBytes, long? MaxBytes, long Count);

/// <summary>Something the walk could not read, and where.</summary>
/// <param name="Path">Path of the entry or directory concerned.</param>
/// <param name="Nid">Its nid, when known.</param>
/// <param name="Message">What went wrong.</param>
public sealed record DumpProblem(string Path, ulong? Nid, string Message);

/// <summary>
/// Statistics of the whole tree (<c>dump.erofs -S</c>), from one walk that starts at the root.
/// <see cref="Paths"/> counts directory entries (a hard-linked file once per name, as dump.erofs
/// does); everything else counts distinct inodes.
/// </summary>
public sealed record StatisticsReport
{
    /// <summary>Most problems kept in <see cref="Problems"/>; <see cref="ProblemCount"/> counts all.</summary>
    public const int MaxProblemsKept = 100;

    /// <summary>Entries per type, by name: the root plus every directory entry but "." and "..".</summary>
    public required FileTypeCounts Paths { get; init; }
    /// <summary>Distinct inodes per type.</summary>
    public required FileTypeCounts Inodes { get; init; }
    /// <summary>Distinct inodes per data layout.</summary>
    public required LayoutCounts Layouts { get; init; }
    /// <summary>Sum of the sizes of distinct regular files (logical sizes, compressed or not).</summary>
    public required long TotalFileBytes { get; init; }
    /// <summary>Distinct regular files by size: [0, 1 KiB), [1, 2 KiB), ... [16, 32 MiB), 32 MiB and more.</summary>
    public required IReadOnlyList<SizeBucket> SizeDistribution { get; init; }
    /// <summary>Regular files with more than one link, each counted once.</summary>
    public required long HardLinkedFiles { get; init; }
    /// <summary>Extra names of hard-linked regular files (entries that lead to a file already seen).</summary>
    public required long ExtraHardLinks { get; init; }
    /// <summary>Regular files with a compressed layout.</summary>
    public required long CompressedFiles { get; init; }
    /// <summary>Logical (uncompressed) size of <see cref="CompressedFiles"/>.</summary>
    public required long CompressedFileBytes { get; init; }
    /// <summary>
    /// Storage of the data of all distinct regular files (compressed or not) and of the packed
    /// inode: logical against stored bytes, each distinct physical range counted once, per encoding.
    /// The definition is on <see cref="CompressionSummary"/> and in docs/dump-json-schema.md.
    /// </summary>
    public required CompressionSummary Compression { get; init; }
    /// <summary>
    /// True when mapping stopped because files had more extents than the image's mapping records
    /// can describe (a hostile image); <see cref="Compression"/> covers what was mapped.
    /// </summary>
    public required bool ExtentLimitReached { get; init; }
    /// <summary>Total number of xattrs over distinct inodes (hidden ones included).</summary>
    public required long XattrCount { get; init; }
    /// <summary>Distinct inodes that have at least one xattr.</summary>
    public required long InodesWithXattrs { get; init; }
    /// <summary>Distinct inodes that carry a content fingerprint (ishare_xattrs).</summary>
    public required long FingerprintedFiles { get; init; }
    /// <summary>Deepest directory level reached (root = 0).</summary>
    public required int MaxDepth { get; init; }
    /// <summary>Entries that named a directory already visited (loops); not descended into.</summary>
    public required long DirectoryLoops { get; init; }
    /// <summary>Directories not descended into because the depth limit was reached.</summary>
    public required long DepthLimitHits { get; init; }
    /// <summary>Directories whose entries could not be read (corrupt, or an unsupported feature).</summary>
    public required long UnreadableDirectories { get; init; }
    /// <summary>
    /// True when the walk stopped early because it met more entries than the image's blocks can
    /// hold (directory blocks reused by a hostile chunk table); the counts cover what was seen.
    /// </summary>
    public required bool EntryLimitReached { get; init; }
    /// <summary>Number of problems met; the walk goes on after each.</summary>
    public required long ProblemCount { get; init; }
    /// <summary>The first <see cref="MaxProblemsKept"/> problems.</summary>
    public required IReadOnlyList<DumpProblem> Problems { get; init; }

    /// <summary>
    /// Walks the tree once from the root and gathers the statistics, mapping the extents of every
    /// distinct regular file for <see cref="Compression"/>. Safe on hostile images: it stops at
    /// loops, at <see cref="ReadLimits.MaxDirectoryDepth"/>, after more entries than the image's
    /// blocks can hold (<see cref="EntryLimitReached"/>) and after more extents than its mapping
    /// records can describe (<see cref="ExtentLimitReached"/>), skips "." and "..", never
    /// decompresses file data, and records unreadable parts as problems instead of failing.
    /// </summary>
    /// <param name="image">The open image.</param>
    /// <param name="progress">Receives the number of entries visited so far, now and then and at the end.</param>
    /// <param name="cancellationToken">Stops the walk (OperationCanceledException).</param>
    public static StatisticsReport Collect(ErofsImage image, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new StatisticsCollector(image, progress, cancellationToken).Run();
    }

    /// <summary>Index of the <see cref="SizeDistribution"/> bucket for a file size.</summary>
    public static int BucketOf(ulong size)
    {
        ulong kib = size >> 10;
        if (kib == 0)
            return 0;
        return Math.Min(System.Numerics.BitOperations.Log2(kib) + 1, SizeBucketCount - 1);
    }

    /// <summary>Number of size buckets (17, as dump.erofs).</summary>
    public const int SizeBucketCount = 17;

    /// <summary>Lower bound in bytes of bucket <paramref name="index"/>.</summary>
    public static long BucketMin(int index) => index == 0 ? 0 : 1024L << (index - 1);
}
