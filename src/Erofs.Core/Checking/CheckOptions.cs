using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>What <see cref="ImageChecker"/> does beyond the structural walk.</summary>
public sealed record CheckOptions
{
    /// <summary>Read every byte of file data (fsck --extract reads it anyway).</summary>
    public bool ReadAllData { get; init; }

    /// <summary>Recompute each fingerprinted file's SHA-256 and compare (fsck --xattr-inode-digest).</summary>
    public bool VerifyFingerprints { get; init; }

    /// <summary>Check only this inode and the tree below it (fsck <c>--nid</c>/<c>--path</c>); null for the whole image.</summary>
    public ImageWalkStart? Start { get; init; }

    /// <summary>
    /// Count each checked inode's data in blocks, logical (its size) and physical (what it stores), for
    /// fsck.erofs <c>-p</c>: <see cref="ImageChecker.LogicalBlocks"/>, <see cref="ImageChecker.PhysicalBlocks"/>.
    /// </summary>
    public bool MeasureCompression { get; init; }

    /// <summary>Stop collecting after this many issues (the walk stops too).</summary>
    public int MaxIssues { get; init; } = 1000;

    /// <summary>Receives the number of inodes checked so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
