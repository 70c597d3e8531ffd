using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// The content-addressed object store of one sharing domain: <c>STORE/DOMAIN/objects/ab/cdef…</c>, one
/// immutable file (mode 0444) per SHA-256. Safe for several threads and several processes at once.
/// </summary>
/// <remarks>
/// Other directories of the domain: <c>tmp/</c> holds publications in progress (each locked by its writer),
/// <c>used/ab/cdef…</c> empty files whose mtime is an object's last use, <c>verified/IDENTITY</c> one
/// append-only log of hash results per image version. See docs/lifetime.md.
/// </remarks>
public sealed partial class ObjectStore
{
    private const uint ObjectMode = 0x124;   // 0444
    private const uint PrivateMode = 0x180;  // 0600
    private const int CopyBufferSize = 1 << 20;

    private readonly ConcurrentDictionary<ImageIdentity, VerificationLog> _logs = new();

    /// <summary>Opens (creating its directories, mode 0700 for the domain) the store of <paramref name="domain"/> under <paramref name="storeRoot"/>.</summary>
    /// <exception cref="ArgumentException">The domain name is invalid.</exception>
    /// <exception cref="IOException">The directories cannot be created, or someone else could change them (see <see cref="StoreFile.CheckTrusted"/>).</exception>
    public ObjectStore(string storeRoot, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the object store needs Linux (flock, cachestat, link)");
        Domain = ErofsMountOptions.ValidDomainId(domain);
        DomainDirectory = Path.Combine(Path.GetFullPath(storeRoot), domain);
        Directory.CreateDirectory(DomainDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        StoreFile.CheckTrusted(Path.GetDirectoryName(DomainDirectory)!, allowSticky: true);
        StoreFile.CheckTrusted(DomainDirectory, allowSticky: false);
        foreach (string sub in new[] { ObjectsDirectory, UsedDirectory, TempDirectory, VerifiedDirectory })
            Directory.CreateDirectory(sub);
    }

    /// <summary>The domain name.</summary>
    public string Domain { get; }

    /// <summary><c>STORE/DOMAIN</c>.</summary>
    public string DomainDirectory { get; }

    private string ObjectsDirectory => Path.Combine(DomainDirectory, "objects");
    private string UsedDirectory => Path.Combine(DomainDirectory, "used");
    private string TempDirectory => Path.Combine(DomainDirectory, "tmp");
    private string VerifiedDirectory => Path.Combine(DomainDirectory, "verified");

    /// <summary>Where the object of <paramref name="fingerprint"/> lives (or would).</summary>
    public string ObjectPath(Fingerprint fingerprint) =>
        Path.Combine(ObjectsDirectory, fingerprint.Hex[..2], fingerprint.Hex[2..]);

    private string UsedPath(Fingerprint fingerprint) =>
        Path.Combine(UsedDirectory, fingerprint.Hex[..2], fingerprint.Hex[2..]);

    /// <summary>True when the object exists.</summary>
    public bool Contains(Fingerprint fingerprint) => File.Exists(ObjectPath(fingerprint));

    /// <summary>
    /// Reads <paramref name="content"/> to its end, hashing it, and publishes it as the object of
    /// <paramref name="claimed"/> if and only if the hash matches. When the object exists already the content
    /// is only hashed (proof that the caller has it), nothing is written. Otherwise it goes to a temp file
    /// in <c>tmp/</c>, is fsynced, checked, and linked into place with link(2): a concurrent publisher of
    /// the same object gets EEXIST and reports <see cref="PublishOutcome.AlreadyPresent"/>; an existing object
    /// is never replaced (a lease holder's inode stays the object). The caller owns dropping the pages of its
    /// source from the page cache (see <see cref="PageCache.Drop"/>); the object's own pages are kept: they
    /// are the one shared copy.
    /// </summary>
    /// <exception cref="IOException">Reading the content or writing the store failed.</exception>
    public PublishResult Publish(Stream content, Fingerprint claimed)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Contains(claimed))
        {
            var (actual, length) = Hash(content, null);
            return new(actual == claimed ? PublishOutcome.AlreadyPresent : PublishOutcome.Mismatch, claimed, actual, length);
        }
        return WriteAndLink(content, claimed);
    }

    /// <summary>
    /// <see cref="Publish"/> from a plain file, then drops that file's pages from the page cache
    /// (POSIX_FADV_DONTNEED over the whole file), so only the object's copy stays cached.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or the store written.</exception>
    public PublishResult PublishFile(string path, Fingerprint claimed)
    {
        var source = StoreFile.Open(path, Libc.ORdOnly, 0);
        using var stream = new FileStream(source, FileAccess.Read, 1);
        try
        {
            return Publish(stream, claimed);
        }
        finally
        {
            StoreFile.DropPages(source, 0, 0);
        }
    }

    private PublishResult WriteAndLink(Stream content, Fingerprint claimed)
    {
        var (result, lease) = WriteAndLink(content, claimed, lease: false);
        lease?.Dispose();
        return result;
    }

    // With `lease`, the publisher keeps a shared lock from before the link, so gc cannot remove the object
    // between its publication and its first use; the lease is null unless this call linked the object.
    private (PublishResult Result, ObjectLease? Lease) WriteAndLink(Stream content, Fingerprint claimed, bool lease)
    {
        string temp = Path.Combine(TempDirectory, $"{claimed.Hex}.{Guid.NewGuid():N}");
        try
        {
            var file = StoreFile.Open(temp, Libc.ORdWr | Libc.OCreat | Libc.OExcl, ObjectMode);
            // The stream owns the handle from here; Flush(true) is fsync.
            using var output = new FileStream(file, FileAccess.ReadWrite, 1);
            // Held until closed: gc removes only temp files nobody holds (their writer died).
            StoreFile.Lock(file, Libc.LockExclusive, temp);
            var (actual, length) = Hash(content, output);
            output.Flush(flushToDisk: true);
            if (actual != claimed)
                return (new(PublishOutcome.Mismatch, claimed, actual, length), null);
            // Not linked yet, so nobody can see the lock change; once linked, LOCK_SH keeps gc away.
            if (lease)
                StoreFile.Lock(file, Libc.LockShared, temp);
            var outcome = LinkIntoPlace(temp, claimed);
            var result = new PublishResult(outcome, claimed, actual, length);
            return (result, lease && outcome == PublishOutcome.Published ? LeaseLinked(claimed) : null);
        }
        finally
        {
            StoreFile.Remove(temp);
        }
    }

    /// <summary>
    /// Leases the object of <paramref name="claimed"/>, first publishing it from <paramref name="content"/>
    /// when it is missing. A publication hands over its own lock, so a concurrent gc cannot remove the object
    /// between publication and lease. Returns a null lease and the mismatch when the content does not match.
    /// </summary>
    /// <exception cref="IOException">The store cannot be written or read, or the object kept vanishing.</exception>
    public (ObjectLease? Lease, PublishResult? Published) LeaseOrPublish(Fingerprint claimed, Func<Stream> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (TryLease(claimed) is { } existing)
                return (existing, null);
            using var stream = content();
            var (result, lease) = WriteAndLink(stream, claimed, lease: true);
            if (!result.Matched || lease is not null)
                return (lease, result);
            // Another publisher linked it first (and gc may have removed it since): lease theirs or try again.
        }
        throw new IOException($"object {claimed.Hex} vanished each time it was published: is a gc removing it as fast as it appears?");
    }

    // The object just linked while this process holds LOCK_SH on its inode through the temp descriptor.
    private ObjectLease LeaseLinked(Fingerprint fingerprint) =>
        TryLease(fingerprint) ?? throw new IOException($"object {fingerprint.Hex} vanished while its publisher held it");

    private PublishOutcome LinkIntoPlace(string temp, Fingerprint fingerprint)
    {
        string target = ObjectPath(fingerprint);
        string directory = Path.GetDirectoryName(target)!;
        int errno = TryLink(temp, target);
        if (errno == Libc.ENoEnt)
        {
            // The first object of this fan-out directory.
            Directory.CreateDirectory(directory);
            errno = TryLink(temp, target);
        }
        if (errno != 0)
            return errno == Libc.EExist ? PublishOutcome.AlreadyPresent : throw StoreFile.Error("link object", target, errno);
        StoreFile.SyncDirectory(directory);
        RecordUse(fingerprint);
        return PublishOutcome.Published;
    }

    private static int TryLink(string existing, string target) =>
        Libc.Link(existing, target) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();

    private static (Fingerprint Actual, long Length) Hash(Stream content, Stream? copy)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = content.Read(buffer, 0, CopyBufferSize)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                copy?.Write(buffer, 0, read);
                length += read;
            }
            return (Fingerprint.FromDigest(sha.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Opens the object read-only and holds a shared flock on it until the lease is disposed, so gc
    /// leaves it alone; the lease records the last use when it ends. Null when the object does not exist
    /// (or gc removed it while this call waited): publish it and ask again.
    /// </summary>
    /// <exception cref="IOException">The object exists but cannot be opened or locked.</exception>
    public ObjectLease? TryLease(Fingerprint fingerprint)
    {
        string path = ObjectPath(fingerprint);
        while (true)
        {
            var file = StoreFile.OpenReadOrNull(path);
            if (file is null)
                return null;
            StoreFile.Lock(file, Libc.LockShared, path);
            // Gc unlinks only under LOCK_EX: if the path still names our inode now, it cannot go away.
            var held = StoreFile.Stat(file, path);
            if (StillLinked(path, held))
                return new ObjectLease(this, fingerprint, path, file, (long)held.Size);
            file.Dispose();
        }
    }

    private static bool StillLinked(string path, in StoreStatx held) =>
        StoreFile.StatOrNull(path) is { } now && now.Ino == held.Ino && now.DevMajor == held.DevMajor && now.DevMinor == held.DevMinor;

    /// <summary>
    /// Sets the object's last-use time to now (<c>used/ab/cdef…</c>'s mtime), creating that file the first
    /// time. Callers hold a lease or just published the object, so gc is not removing it meanwhile.
    /// </summary>
    internal void RecordUse(Fingerprint fingerprint)
    {
        string used = UsedPath(fingerprint);
        // Usually one call: the file exists since the object's publication or first use.
        if (StoreFile.TryTouchNow(used))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(used)!);
        using var file = StoreFile.Open(used, Libc.OWrOnly | Libc.OCreat, PrivateMode);
        StoreFile.TouchNow(file, used);
    }
}
