namespace Erofs.Extracting;

/// <summary>What <see cref="Extractor"/> restores besides names and contents.</summary>
public sealed record ExtractOptions
{
    /// <summary>Restore owners (as root only; default: when running as root).</summary>
    public bool PreserveOwners { get; init; } = Interop.NativeFile.IsRoot;

    /// <summary>Restore xattrs and ACLs (non-root: only <c>user.*</c>).</summary>
    public bool PreserveXattrs { get; init; } = true;

    /// <summary>Replace entries that already exist in the target instead of failing on them.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Receives the number of entries extracted so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
