using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// The numbers behind <c>dump.erofs -S</c>, counted its way so scripts that parse them see the
/// same values: everything per path (a file with two names counts twice, the root once), the
/// compressed/uncompressed split over every inode reached (directories and symlinks included),
/// the packed inode added to the compressed or uncompressed count, to the total on-disk size and
/// to the on-disk distribution (but not to the file count), on-disk sizes of compressed inodes
/// from their i_blocks field. <see cref="StatisticsReport"/> counts distinct inodes instead.
/// </summary>
public sealed record ErofsUtilsStatistics
{
    /// <summary>Labels of <see cref="Categories"/>, indexed by EROFS_FT_* code (as <see cref="FileKind"/>).</summary>
    public static IReadOnlyList<string> CategoryLabels { get; } =
        ["unknown type", "regular file", "directory", "char dev", "block dev", "FIFO file", "SOCK file", "symlink file"];

    /// <summary>Paths counted: the root and every entry but "." and "..".</summary>
    public required long Files { get; init; }
    /// <summary>Paths per file type, indexed by EROFS_FT_* code.</summary>
    public required IReadOnlyList<long> Categories { get; init; }
    /// <summary>Paths whose inode has a compressed layout, plus the packed inode when it has one.</summary>
    public required long CompressedFiles { get; init; }
    /// <summary>Paths whose inode has a flat or chunk-based layout, plus the packed inode when it has one.</summary>
    public required long UncompressedFiles { get; init; }
    /// <summary>Sum of i_size over regular-file paths (wraps at 2^64, as in C).</summary>
    public required ulong TotalOriginalSize { get; init; }
    /// <summary>Sum of on-disk sizes (<see cref="ErofsUtilsSizes.Occupied"/>) over regular-file paths and the packed inode.</summary>
    public required ulong TotalSize { get; init; }
    /// <summary>Regular-file paths per bucket of i_size (<see cref="ErofsUtilsSizes.Bucket"/>).</summary>
    public required IReadOnlyList<long> OriginalSizes { get; init; }
    /// <summary>Regular-file paths and the packed inode per bucket of on-disk size.</summary>
    public required IReadOnlyList<long> OnDiskSizes { get; init; }
    /// <summary>Regular-file paths per <see cref="ErofsUtilsFileTypes"/> bucket.</summary>
    public required IReadOnlyList<long> FileTypes { get; init; }
    /// <summary>
    /// Parts that could not be read (dump.erofs stops and prints no statistics; we count the rest
    /// and say what was skipped); <see cref="ProblemCount"/> counts all.
    /// </summary>
    public required IReadOnlyList<DumpProblem> Problems { get; init; }
    /// <summary>Number of problems met.</summary>
    public required long ProblemCount { get; init; }

    /// <summary>Regular-file paths: the denominator of every ratio in the distributions.</summary>
    public long RegularFiles => Categories[(int)FileKind.Regular];

    /// <summary>
    /// Walks the tree from the root and counts as dump.erofs -S does. Safe on hostile images:
    /// a directory is read once however many entries lead to it, the walk stops at the depth limit
    /// and after more entries than the image's blocks can hold, and unreadable parts become
    /// <see cref="Problems"/>.
    /// </summary>
    public static ErofsUtilsStatistics Collect(ErofsImage image, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ErofsUtilsStatisticsCollector(image, progress, cancellationToken).Run();
    }
}
