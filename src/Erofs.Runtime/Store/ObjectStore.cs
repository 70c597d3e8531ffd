using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// The content-addressed object store of one sharing domain: <c>STORE/DOMAIN/objects/ab/cdef…</c>, one
/// immutable file (mode 0444) per SHA-256. Safe for several threads and several processes at once.
/// </summary>
/// <remarks>
/// Every directory is opened once, by descriptor from the one above it, checked (owner, mode, no symlink:
/// <see cref="StoreDirectory"/>) and held while the store is open; every file below is opened relative to
/// those descriptors, never through a symlink. Other directories of the domain: <c>tmp/</c> (unnamed
/// files being written), <c>used/ab/cdef…</c> (empty files whose mtime is an object's last use),
/// <c>verified/IDENTITY</c> (one append-only log of hash results per image version), <c>meta/</c>
/// (metadata images of the overlay backend, see ObjectStore.Metadata.cs) and <c>quarantine/</c>
/// (objects found bad, emptied by gc). See docs/lifetime.md and docs/threat-model.md.
/// </remarks>
public sealed partial class ObjectStore : IDisposable
{
    private const uint ObjectPermissions = 0x124;   // 0444
    private const uint PrivateMode = 0x180;  // 0600
    private const int CopyBufferSize = 1 << 20;

    // Objects this large are flushed and linked by their publisher: the flush costs little beside the copy,
    // and a mount in another process that opens the same content a moment later finds it instead of
    // publishing (and caching) a second copy. Smaller ones go through the batches of PendingLinks.
    private const long LinkAtOnceBytes = 1 << 20;

    private readonly ConcurrentDictionary<ImageIdentity, VerificationLog> _logs = new();
    private readonly StoreDirectory _domain;
    private readonly StoreDirectory _objects, _used, _temp, _verified, _quarantine;
    private readonly StoreDirectory _meta;
    private readonly PendingLinks _pending;
    private readonly Action<string>? _log;

    /// <summary>
    /// Opens the store of <paramref name="domain"/> under <paramref name="storeRoot"/>, creating what is
    /// missing (the domain's directories mode 0700). With <paramref name="create"/> false (gc, stats, fsck)
    /// the store, the domain and its <c>objects/</c> must exist: only the domain's other directories are
    /// made when missing, so nothing is ever created in a directory that is not a store. <paramref name="log"/> hears of objects moved to quarantine.
    /// </summary>
    /// <exception cref="ArgumentException">The domain name is invalid.</exception>
    /// <exception cref="IOException">A directory is missing (without <paramref name="create"/>), a symlink, or changeable by another user; the message names it.</exception>
    public ObjectStore(string storeRoot, string domain, bool create = true, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the object store needs Linux (openat, flock, linkat, cachestat)");
        Domain = DomainName.Validate(domain);
        _log = log;
        string root = Path.GetFullPath(storeRoot);
        DomainDirectory = Path.Combine(root, domain);
        if (create)
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var opened = new List<StoreDirectory>();
        try
        {
            using (var store = StoreDirectory.OpenPath(root, lastMaySticky: true))
                _domain = Child(store, domain, create, opened);
            _objects = Child(_domain, "objects", create, opened);
            // A domain with objects/ is a store: the rest is made when missing (a mount killed while creating
            // them, or a store older than one of them), by descriptor inside the checked domain directory.
            _used = Child(_domain, "used", create: true, opened);
            _temp = Child(_domain, "tmp", create: true, opened);
            _verified = Child(_domain, "verified", create: true, opened);
            _quarantine = Child(_domain, "quarantine", create: true, opened);
            _meta = Child(_domain, MetadataDirectoryName, create: true, opened);
        }
        catch
        {
            opened.ForEach(d => d.Dispose());
            throw;
        }
        _pending = new PendingLinks(this);
    }

    /// <summary>The domain name.</summary>
    public string Domain { get; }

    /// <summary><c>STORE/DOMAIN</c> (for messages and tests: the store itself never opens it by name again).</summary>
    public string DomainDirectory { get; }

    /// <summary>Where the object of <paramref name="fingerprint"/> lives (or would), for messages and tests.</summary>
    public string ObjectPath(Fingerprint fingerprint) => _objects.Combine(Fan(fingerprint) + "/" + Name(fingerprint));

    /// <summary>True when the object exists, or is written and waiting to be linked by this process.</summary>
    public bool Contains(Fingerprint fingerprint)
    {
        if (_pending.Contains(fingerprint))
            return true;
        using var fan = ObjectFan(fingerprint);
        return fan?.StatEntryOrNull(Name(fingerprint)) is { } stat && (stat.Mode & Libc.TypeMask) == Libc.TypeRegular;
    }

    /// <summary>
    /// Reads <paramref name="content"/> to its end, hashing it, and publishes it as the object of
    /// <paramref name="claimed"/> if and only if the hash matches. When the object exists already the content
    /// is only hashed (proof that the caller has it), nothing is written. Otherwise it is written to an
    /// unnamed file (O_TMPFILE) while hashed and made read-only; then the very inode that was hashed is
    /// linked into place once its bytes are on disk: at once for objects of 1 MiB or more, else in a batch
    /// made durable with one syncfs (<see cref="Flush"/> waits for it; until then <see cref="TryLease"/> in
    /// this process serves the written file). An existing object is
    /// never replaced. The caller owns dropping its source's pages from the page cache.
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
        return Write(content, claimed);
    }

    /// <summary>
    /// Reads <paramref name="content"/> to its end and publishes it as the object of whatever it hashes to,
    /// written while hashed exactly as <see cref="Publish"/> writes (an existing object is kept: the written
    /// copy is dropped). For content that has no fingerprint of its own, or whose fingerprint lied.
    /// </summary>
    /// <exception cref="IOException">Reading the content or writing the store failed.</exception>
    public PublishResult PublishOwn(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Write(content, null);
    }

    /// <summary>Waits until every object this store published so far is durable and linked (or found taken).</summary>
    /// <exception cref="IOException">The store could not be synced.</exception>
    public void Flush() => _pending.Flush();

    // Writes and links the content under its own hash when claimed is null, else only when it matches.
    private PublishResult Write(Stream content, Fingerprint? wanted)
    {
        var file = _temp.CreateUnnamedOrNull() ?? throw new IOException($"'{_temp.Path}': the file system cannot make unnamed files (O_TMPFILE), which publishing needs");
        bool queued = false;
        try
        {
            var (actual, length) = Hash(content, file);
            var claimed = wanted ?? actual;
            if (actual != claimed)
                return new(PublishOutcome.Mismatch, claimed, actual, length);
            if (wanted is null && Contains(actual))
                return new(PublishOutcome.AlreadyPresent, claimed, actual, length);
            if (Libc.Fchmod(StoreFile.Fd(file), ObjectPermissions) != 0)
                throw StoreFile.Error("set the mode of", $"a new object {claimed.Hex}", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            if (length >= LinkAtOnceBytes)
                return new(LinkNow(claimed, file), claimed, actual, length);
            queued = true; // the queue owns the descriptor from here
            return new(_pending.Add(claimed, file), claimed, actual, length);
        }
        finally
        {
            if (!queued)
                file.Dispose();
        }
    }

    /// <summary>
    /// Leases the object of <paramref name="claimed"/>, first publishing it from <paramref name="content"/>
    /// when it is missing (or was quarantined). Returns a null lease and the mismatch when the content does not match.
    /// </summary>
    /// <exception cref="IOException">The store cannot be written or read, or the object kept vanishing.</exception>
    public (ObjectLease? Lease, PublishResult? Published) LeaseOrPublish(Fingerprint claimed, long size, Func<Stream> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        PublishResult? published = null;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (TryLease(claimed, size) is { } lease)
                return (lease, published);
            using var stream = content();
            published = Publish(stream, claimed);
            if (!published.Matched)
                return (null, published);
        }
        throw new IOException($"object {claimed.Hex} vanished each time it was published: is a gc removing it as fast as it appears?");
    }

    /// <summary>
    /// Opens the object read-only and holds a shared flock on it until the lease is disposed, so gc leaves
    /// it alone. Before that the opened file is checked: a regular file on the store's device, owned by root
    /// or this user, mode 0444, and <paramref name="size"/> bytes long when given; anything else is moved
    /// to <c>quarantine/</c> (and logged) and treated as missing. Null when the object does not exist (or
    /// gc removed it meanwhile): publish it and ask again.
    /// </summary>
    /// <exception cref="IOException">The object exists but cannot be opened or locked.</exception>
    public ObjectLease? TryLease(Fingerprint fingerprint, long? size = null)
    {
        if (_pending.OpenOrNull(fingerprint) is { } written)
            return LeaseWritten(fingerprint, written);
        using var fan = ObjectFan(fingerprint);
        if (fan is null)
            return null;
        string name = Name(fingerprint);
        while (true)
        {
            SafeFileHandle? file;
            try
            {
                file = fan.OpenFileOrNull(name, Libc.ORdOnly);
            }
            catch (IOException e) when (e.HResult == Libc.ELoop)
            {
                Quarantine(fan, name, "a symlink");
                return null;
            }
            if (file is null)
                return null;
            var held = StoreFile.Stat(file, fan.Combine(name));
            if (ObjectFault(held, size) is { } fault)
            {
                file.Dispose();
                Quarantine(fan, name, fault);
                return null;
            }
            StoreFile.Lock(file, Libc.LockShared, fan.Combine(name));
            // Gc unlinks only under LOCK_EX: if the name still names our inode now, it cannot go away.
            if (SameInode(fan.StatEntryOrNull(name), held))
                return new ObjectLease(this, fingerprint, ObjectPath(fingerprint), file, (long)held.Size, useRecorded: false);
            file.Dispose();
        }
    }

    // A queued object, not linked yet: nothing else can see it, so there is nothing to check; its mtime
    // (its writing) is its last use already, so its lease need not record one soon.
    private ObjectLease LeaseWritten(Fingerprint fingerprint, SafeFileHandle file)
    {
        try
        {
            StoreFile.Lock(file, Libc.LockShared, ObjectPath(fingerprint));
            return new ObjectLease(this, fingerprint, ObjectPath(fingerprint), file, (long)StoreFile.Stat(file, ObjectPath(fingerprint)).Size, useRecorded: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // Why an opened object must not be served, or null when it may.
    private string? ObjectFault(in StoreStatx stat, long? size)
    {
        uint self = Libc.EffectiveUid;
        if ((stat.Mode & Libc.TypeMask) != Libc.TypeRegular)
            return "not a regular file";
        if (stat.Uid != 0 && stat.Uid != self)
            return $"owned by uid {stat.Uid}";
        if ((stat.Mode & 0xFFF) != ObjectPermissions)
            return $"mode {Convert.ToString(stat.Mode & 0xFFF, 8)}, not 444";
        if (stat.DevMajor != _domain.Stat.DevMajor || stat.DevMinor != _domain.Stat.DevMinor)
            return "on another file system than the store";
        if (size is long expected && (long)stat.Size != expected)
            return $"{stat.Size} bytes, not {expected}";
        return null;
    }

    // Moves a bad entry out of objects/ (gc empties quarantine/); the file is then published again.
    private void Quarantine(StoreDirectory fan, string name, string why)
    {
        string hex = Path.GetFileName(fan.Path) + name;
        if (fan.MoveTo(name, _quarantine, $"{hex}.{Guid.NewGuid():N}"))
            _log?.Invoke($"store: object {hex} is {why}: moved to {_quarantine.Path}");
    }

    internal static bool SameInode(StoreStatx? now, in StoreStatx held) =>
        now is { } n && n.Ino == held.Ino && n.DevMajor == held.DevMajor && n.DevMinor == held.DevMinor;

    /// <summary>
    /// Sets the object's last-use time to now (<c>used/ab/cdef…</c>'s mtime), creating that file the first
    /// time. Callers hold a lease or just linked the object, so gc is not removing it meanwhile.
    /// </summary>
    internal void RecordUse(Fingerprint fingerprint)
    {
        using var fan = _used.OpenChild(Fan(fingerprint), create: true)!;
        string name = Name(fingerprint);
        // Usually one call: the file exists since the object's publication or first use.
        if (fan.TryTouchNow(name))
            return;
        using var file = fan.OpenFileOrNull(name, Libc.OWrOnly | Libc.OCreat, PrivateMode);
        if (file is not null)
            StoreFile.TouchNow(file, fan.Combine(name));
    }

    /// <summary>Links written objects into place, after one flush for the whole batch.</summary>
    private void Link(IReadOnlyList<(Fingerprint Fingerprint, SafeFileHandle File)> batch)
    {
        // Before any link: no object is ever linked whose bytes a crash could lose.
        _temp.SyncFileSystem();
        foreach (var byFan in batch.GroupBy(w => Fan(w.Fingerprint)))
        {
            try
            {
                using var fan = _objects.OpenChild(byFan.Key, create: true)!;
                foreach (var (fingerprint, file) in byFan)
                    LinkDurable(fan, fingerprint, file);
            }
            catch (IOException e)
            {
                _log?.Invoke($"store: {e.Message}");
            }
        }
    }

    private PublishOutcome LinkNow(Fingerprint fingerprint, SafeFileHandle file)
    {
        RandomAccess.FlushToDisk(file);
        using var fan = ObjectFan(fingerprint, create: true)!;
        return LinkDurable(fan, fingerprint, file);
    }

    // Links a file whose bytes are on disk. A name already taken by a sound object means another publisher
    // won (same content); anything else there (wrong type, owner, mode or size) goes to quarantine first.
    // No use record is written: until one exists, gc takes the object's own mtime (its writing) as last use.
    private PublishOutcome LinkDurable(StoreDirectory fan, Fingerprint fingerprint, SafeFileHandle file)
    {
        string name = Name(fingerprint);
        int errno = fan.Link(file, name);
        if (errno == Libc.EExist && fan.StatEntryOrNull(name) is { } taken)
        {
            if (ObjectFault(taken, (long)StoreFile.Stat(file, fan.Combine(name)).Size) is not { } fault)
                return PublishOutcome.AlreadyPresent;
            Quarantine(fan, name, fault);
            errno = fan.Link(file, name);
        }
        if (errno == Libc.EExist)
            return PublishOutcome.AlreadyPresent;
        if (errno != 0)
            throw StoreFile.Error("link object", fan.Combine(name), errno);
        return PublishOutcome.Published;
    }

    // A new open file description of the same inode, through the descriptor's /proc link.
    private static SafeFileHandle Reopen(SafeFileHandle file, int flags, Fingerprint fingerprint)
    {
        string magic = "/proc/self/fd/" + StoreFile.Fd(file).ToString(CultureInfo.InvariantCulture);
        int fd = Libc.Open(magic, flags | Libc.OCloExec, 0);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true)
            : throw StoreFile.Error("reopen", $"the new object {fingerprint.Hex}", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
    }

    private static (Fingerprint Actual, long Length) Hash(Stream content, SafeFileHandle? copy)
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
                if (copy is not null)
                    RandomAccess.Write(copy, buffer.AsSpan(0, read), length);
                length += read;
            }
            return (Fingerprint.FromDigest(sha.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Fan(Fingerprint fingerprint) => fingerprint.Hex[..2];

    // Fan-out directories are opened (and checked) for each use, not kept: 512 of them would eat the
    // descriptors that leases need.
    private StoreDirectory? ObjectFan(Fingerprint fingerprint, bool create = false) => _objects.OpenChild(Fan(fingerprint), create);

    private StoreDirectory? UsedFan(Fingerprint fingerprint) => _used.OpenChild(Fan(fingerprint), create: false);

    private static string Name(Fingerprint fingerprint) => fingerprint.Hex[2..];

    private static StoreDirectory Child(StoreDirectory parent, string name, bool create, List<StoreDirectory> opened)
    {
        var child = parent.OpenChild(name, create) ?? throw new IOException($"'{parent.Combine(name)}' does not exist: not a store", Libc.ENoEnt);
        opened.Add(child);
        return child;
    }

    /// <summary>Links what is pending, then closes every descriptor.</summary>
    public void Dispose()
    {
        try
        {
            _pending.Dispose();
        }
        finally
        {
            DropLogs();
            foreach (var directory in new[] { _objects, _used, _temp, _verified, _quarantine, _meta, _domain })
                directory.Dispose();
        }
    }
}
