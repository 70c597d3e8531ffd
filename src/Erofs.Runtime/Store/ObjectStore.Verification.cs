namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ImageIdentity, string> _imagePaths = new();

    /// <summary>
    /// What the store remembers of hashing file <paramref name="nid"/> of the image version
    /// <paramref name="image"/> against <paramref name="fingerprint"/>, as recorded by any process.
    /// </summary>
    /// <exception cref="IOException">The log exists but cannot be read.</exception>
    public VerificationState CheckVerified(ImageIdentity image, ulong nid, Fingerprint fingerprint) =>
        Log(image).Check(nid, fingerprint);

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

    /// <summary>Tells the store which file <paramref name="image"/> is, so gc can drop its records once that file is gone or changed.</summary>
    public void NameImage(ImageIdentity image, string path) => _imagePaths[image] = path;

    // Logs read or written so far are closed (gc removed some); the next use opens them again.
    private void DropLogs()
    {
        foreach (var log in _logs.Values)
            log.Dispose();
        _logs.Clear();
    }

    private VerificationLog Log(ImageIdentity image) =>
        _logs.GetOrAdd(image, id => new VerificationLog(_verified, id.Key, _imagePaths.GetValueOrDefault(id)));
}
