namespace Erofs.Reading;

/// <summary>
/// How <see cref="ImageWalker"/> applies <see cref="ReadLimits.MaxDirectoryDepth"/> (N below; the
/// root is at depth 0). The two modes differ by one level, as fsck and dump always have.
/// </summary>
public enum DepthLimitMode
{
    /// <summary>
    /// A directory at depth N or deeper can be descended into, but when its turn comes it is not read:
    /// a <see cref="ImageWalkStepKind.DirectoryFailed"/> step says "directory depth exceeds N" (fsck, extract).
    /// </summary>
    FailWhenRead,

    /// <summary>
    /// <see cref="ImageWalker.Descend"/> refuses a directory deeper than N and returns false, so the
    /// caller reports it where it meets it (dump's statistics).
    /// </summary>
    RefuseDescent,
}
