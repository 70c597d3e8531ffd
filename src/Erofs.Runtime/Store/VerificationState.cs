namespace Erofs.Runtime.Store;

/// <summary>What the store remembers about one (image, nid, fingerprint) claim.</summary>
public enum VerificationState
{
    /// <summary>Never hashed for this image version.</summary>
    Unknown,

    /// <summary>Hashed, and the content matched the fingerprint.</summary>
    Matched,

    /// <summary>Hashed, and the content did not match: serve the file privately.</summary>
    Mismatched,
}
