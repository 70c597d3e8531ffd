namespace Erofs.Dumping;

/// <summary>Everything one <c>erofs dump</c> run shows; sections not asked for are null.</summary>
public sealed record DumpReport
{
    /// <summary>Superblock and features (<c>-s</c>, the default).</summary>
    public SuperblockReport? Superblock { get; init; }

    /// <summary>Whole-tree statistics (<c>-S</c>).</summary>
    public StatisticsReport? Statistics { get; init; }

    /// <summary>One inode in detail (<c>--path</c> / <c>--nid</c>).</summary>
    public InodeReport? Inode { get; init; }
}
