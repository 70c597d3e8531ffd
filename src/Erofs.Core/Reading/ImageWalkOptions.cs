namespace Erofs.Reading;

/// <summary>What an <see cref="ImageWalker"/> checks and which errors it steps over.</summary>
public sealed record ImageWalkOptions
{
    /// <summary>Rules checked on each directory's entries (default none).</summary>
    public DirectoryChecks DirectoryChecks { get; init; }

    /// <summary>Where the walk starts: null for the root (default), else an inode and its subtree.</summary>
    public ImageWalkStart? Start { get; init; }

    /// <summary>How the image's <see cref="ReadLimits.MaxDirectoryDepth"/> is applied.</summary>
    public DepthLimitMode DepthLimit { get; init; }

    /// <summary>
    /// Errors met while reading a directory that become a <see cref="ImageWalkStepKind.DirectoryFailed"/>
    /// step, after which the walk goes on; any other escapes from the enumeration and ends it.
    /// Default: <see cref="IsContentError"/>.
    /// </summary>
    public Func<Exception, bool> IsRecoverable { get; init; } = IsContentError;

    /// <summary>
    /// True for <see cref="ErofsContentException"/> and <see cref="NotSupportedException"/>: the image
    /// is damaged or uses something this reader does not support, but the file itself reads.
    /// </summary>
    public static bool IsContentError(Exception e) => e is ErofsContentException or NotSupportedException;
}
