namespace Erofs.Reading;

/// <summary>
/// Rules <see cref="ImageWalker"/> checks on a directory's entries while it reads them, "." and ".."
/// included; the first broken rule ends that directory with a
/// <see cref="ImageWalkStepKind.DirectoryFailed"/> step.
/// </summary>
[Flags]
public enum DirectoryChecks
{
    /// <summary>Take the entries as they come.</summary>
    None = 0,

    /// <summary>Names strictly ascending (so also unique), as the kernel's binary search needs.</summary>
    NameOrder = 1,

    /// <summary>"." names the directory itself (and is present unless the inode says it is omitted), ".." its parent.</summary>
    DotEntries = 2,

    /// <summary>Every rule.</summary>
    All = NameOrder | DotEntries,
}
