namespace Erofs.Runtime.Sharing;

public sealed partial class ObjectStore
{
    /// <summary>
    /// What the store remembers of hashing file <paramref name="nid"/> of the image version
    /// <paramref name="image"/> against <paramref name="fingerprint"/>, as recorded by any process.
    /// </summary>
    /// <exception cref="IOException">The log exists but cannot be read.</exception>
    public VerificationState CheckVerified(ImageIdentity image, ulong nid, Fingerprint fingerprint) =>
        Log(image).Check(nid, fingerprint);

    /// <summary>True when that file was hashed and matched <paramref name="fingerprint"/>.</summary>
    /// <exception cref="IOException">The log exists but cannot be read.</exception>
    public bool IsVerified(ImageIdentity image, ulong nid, Fingerprint fingerprint) =>
        CheckVerified(image, nid, fingerprint) == VerificationState.Matched;

    /// <summary>Remembers, for every process, that file <paramref name="nid"/> of <paramref name="image"/> was hashed and whether it matched.</summary>
    /// <exception cref="IOException">The log cannot be written.</exception>
    public void RecordVerified(ImageIdentity image, ulong nid, Fingerprint fingerprint, bool matched) =>
        Log(image).Append(nid, fingerprint, matched);

    /// <summary>
    /// A fingerprint that file <paramref name="nid"/> of <paramref name="image"/> was hashed to and matched
    /// (recorded by a verification or a local fingerprint), or null.
    /// </summary>
    /// <exception cref="IOException">The log exists but cannot be read.</exception>
    public Fingerprint? KnownFingerprint(ImageIdentity image, ulong nid) => Log(image).MatchedFingerprint(nid);

    private VerificationLog Log(ImageIdentity image) =>
        _logs.GetOrAdd(image, id => new VerificationLog(Path.Combine(VerifiedDirectory, id.Key)));
}
