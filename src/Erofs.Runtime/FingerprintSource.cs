namespace Erofs.Runtime;

/// <summary>Where the fingerprints of shared files come from (<c>-o fingerprint=</c>).</summary>
public enum FingerprintSource
{
    /// <summary>The image's own fingerprint xattrs.</summary>
    Image,
    /// <summary>Computed locally for files that have none.</summary>
    Local,
}
