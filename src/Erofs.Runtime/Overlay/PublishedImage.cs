using System.Collections.Concurrent;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>What <see cref="ImagePublisher.Publish"/> did: each file's object and the counts.</summary>
public sealed class PublishedImage(int files)
{
    private readonly ConcurrentDictionary<ulong, Fingerprint> _objects = new(Environment.ProcessorCount, files);
    private long _hashed, _hashedBytes, _published, _mismatches;

    /// <summary>The object of every non-empty regular file, by nid.</summary>
    public IReadOnlyDictionary<ulong, Fingerprint> Objects => _objects;

    /// <summary>Files read and hashed (the others were known from earlier verifications).</summary>
    public long Hashed => Interlocked.Read(ref _hashed);

    /// <summary>Bytes read and hashed.</summary>
    public long HashedBytes => Interlocked.Read(ref _hashedBytes);

    /// <summary>Objects this call wrote (the others existed).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Files whose content did not match their fingerprint.</summary>
    public long Mismatches => Interlocked.Read(ref _mismatches);

    internal void Add(ulong nid, Fingerprint fingerprint) => _objects[nid] = fingerprint;

    internal void CountHashed(long bytes)
    {
        Interlocked.Increment(ref _hashed);
        Interlocked.Add(ref _hashedBytes, bytes);
    }

    internal void CountPublished() => Interlocked.Increment(ref _published);

    internal void CountMismatch() => Interlocked.Increment(ref _mismatches);
}
