namespace Erofs.Runtime.Store;

/// <summary>The outcome of a publication and the fingerprint the content really has.</summary>
/// <param name="Outcome">Published, already present, or refused as a mismatch.</param>
/// <param name="Claimed">The fingerprint the caller claimed.</param>
/// <param name="Actual">The SHA-256 of the bytes read.</param>
/// <param name="Length">Bytes read.</param>
public sealed record PublishResult(PublishOutcome Outcome, Fingerprint Claimed, Fingerprint Actual, long Length)
{
    /// <summary>True when the object for <see cref="Claimed"/> now exists and holds exactly the content given.</summary>
    public bool Matched => Outcome != PublishOutcome.Mismatch;
}
