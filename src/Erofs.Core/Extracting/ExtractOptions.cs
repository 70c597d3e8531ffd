namespace Erofs.Extracting;

/// <summary>What <see cref="Extractor"/> restores besides names and contents.</summary>
public sealed record ExtractOptions
{
    /// <summary>Restore owners (as root only; default: when running as root).</summary>
    public bool PreserveOwners { get; init; } = Interop.NativeFile.IsRoot;

    /// <summary>Restore xattrs and ACLs (non-root: only <c>user.*</c>).</summary>
    public bool PreserveXattrs { get; init; } = true;

    /// <summary>
    /// Give entries their exact permission bits (default). False applies the process's umask to them, as
    /// fsck.erofs does for ordinary users (<c>--no-preserve-perms</c>).
    /// </summary>
    public bool PreservePermissions { get; init; } = true;

    /// <summary>
    /// Extract only this inode and what is below it (fsck <c>--nid</c>/<c>--path</c>; its
    /// <see cref="Reading.ImageWalkStart.Path"/> is ignored): a directory's contents go into the target
    /// directory, any other inode becomes the target path itself.
    /// </summary>
    public Reading.ImageWalkStart? Start { get; init; }

    /// <summary>Replace entries that already exist in the target instead of failing on them.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Receives the number of entries extracted so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
