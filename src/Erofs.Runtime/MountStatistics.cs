namespace Erofs.Runtime;

/// <summary>
/// Counters of one mount, safe to update from every worker thread: READ requests the daemon served, and
/// what sharing decided and did. Printed as one line when the daemon ends (see <see cref="ToString"/>).
/// </summary>
public sealed class MountStatistics
{
    private long _reads;
    private long _readBytes;
    private long _sharedFiles;
    private long _privateFiles;
    private long _sharedOpens;
    private long _hashed;
    private long _published;
    private long _mismatches;
    private long _storeErrors;

    /// <summary>READ requests answered by the daemon (passthrough reads never reach it).</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>Bytes those READ requests returned.</summary>
    public long ReadBytes => Volatile.Read(ref _readBytes);

    /// <summary>Files decided shared (backed by an object) at their first open.</summary>
    public long SharedFiles => Volatile.Read(ref _sharedFiles);

    /// <summary>Files decided private at their first open while sharing was on (no fingerprint, empty, mismatch...).</summary>
    public long PrivateFiles => Volatile.Read(ref _privateFiles);

    /// <summary>Opens answered with FOPEN_PASSTHROUGH.</summary>
    public long SharedOpens => Volatile.Read(ref _sharedOpens);

    /// <summary>Files whose content this mount hashed (to verify a claim or compute a local fingerprint).</summary>
    public long Hashed => Volatile.Read(ref _hashed);

    /// <summary>Objects this mount added to the store.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Files whose content does not match their fingerprint (served privately).</summary>
    public long Mismatches => Volatile.Read(ref _mismatches);

    /// <summary>Opens served privately because the store failed (descriptors or space short, EIO): tried again later.</summary>
    public long StoreErrors => Volatile.Read(ref _storeErrors);

    internal void CountRead(int bytes)
    {
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _readBytes, bytes);
    }

    internal void CountDecision(bool shared) => Interlocked.Increment(ref shared ? ref _sharedFiles : ref _privateFiles);

    internal void CountSharedOpen() => Interlocked.Increment(ref _sharedOpens);

    internal void CountHashed() => Interlocked.Increment(ref _hashed);

    internal void CountPublished() => Interlocked.Increment(ref _published);

    internal void CountMismatch() => Interlocked.Increment(ref _mismatches);

    internal void CountTransientPrivate() => Interlocked.Increment(ref _storeErrors);

    /// <summary>One line: "reads N (B bytes), shared files N, private files N, shared opens N, hashed N, published N, mismatches N, store errors N".</summary>
    public override string ToString() =>
        $"reads {Reads} ({ReadBytes} bytes), shared files {SharedFiles}, private files {PrivateFiles}, shared opens {SharedOpens}, hashed {Hashed}, published {Published}, mismatches {Mismatches}, store errors {StoreErrors}";
}
