using System.Globalization;
using System.Security.Cryptography;
using Erofs.Runtime.Interop;

namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    /// <summary>How old a named file in <c>tmp/</c> must be before gc treats its writer as dead.</summary>
    internal static readonly TimeSpan AbandonedTempAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Removes objects no lease holds and no mounted metadata image points at, least recently used first:
    /// every such object when <paramref name="maxBytes"/> is null, else only until the domain holds at most
    /// that many bytes. Per candidate: LOCK_EX|LOCK_NB (fails while any lease is open), re-check that the name
    /// still names that inode and its last use did not change, unlink, release. An unmounted metadata image
    /// pointing at a candidate goes first. Safe while mounts are live; waits for overlay mounts being
    /// prepared (<see cref="HoldForMount"/>). Also empties <c>quarantine/</c>, and drops last-use files without
    /// an object, verification records whose image file is gone or changed, and metadata images no mount
    /// will use again.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read, an object cannot be removed, or a mounted metadata image cannot be read.</exception>
    public GcResult Gc(long? maxBytes = null)
    {
        using var hold = LockMetadata(Libc.LockExclusive);
        int temps = RemoveAbandonedTempFiles();
        var metadata = ScanMetadataImages();
        int metadataRemoved = RemoveStaleMetadataImages(metadata);
        var pinned = metadata.Where(m => m.Mounted).SelectMany(m => m.Objects).ToHashSet();
        var candidates = ListObjects().OrderBy(o => o.LastUse).ToList();
        long total = candidates.Sum(o => o.Size);
        int removed = 0, inUse = 0;
        long removedBytes = 0;
        foreach (var candidate in candidates)
        {
            if (maxBytes is long limit && total <= limit)
                break;
            if (pinned.Contains(candidate.Fingerprint))
            {
                inUse++;
                continue;
            }
            metadataRemoved += RemoveMetadataImagesPointingAt(candidate.Fingerprint, metadata);
            if (!TryRemove(candidate))
            {
                inUse++;
                continue;
            }
            removed++;
            removedBytes += candidate.Size;
            total -= candidate.Size;
        }
        int quarantined = EmptyQuarantine();
        int orphans = RemoveOrphanedUseRecords();
        int staleLogs = RemoveStaleVerificationLogs();
        return new(removed, removedBytes, candidates.Count - removed, total, inUse, temps)
        {
            QuarantinedRemoved = quarantined,
            UseRecordsRemoved = orphans,
            VerificationLogsRemoved = staleLogs,
            MetadataImagesRemoved = metadataRemoved,
        };
    }

    // Before an object goes, so does every unmounted metadata image that points at it: a metadata image that
    // exists must mean its objects exist. (Mounted ones pin their objects; the caller skipped those.)
    private int RemoveMetadataImagesPointingAt(Fingerprint fingerprint, List<MetadataImageInfo> images)
    {
        int removed = 0;
        foreach (var image in images.Where(i => !i.Mounted && i.Objects.Contains(fingerprint)).ToList())
        {
            _meta.Remove(image.Name);
            images.Remove(image);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Rehashes every object and moves each one whose content does not match its name (or that is not a
    /// plain 0444 file of root or this user) to <c>quarantine/</c>. Objects in use are checked too: a bad
    /// one keeps serving its current readers until they close it, and is published again from an image.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public FsckResult Fsck()
    {
        int good = 0, bad = 0;
        long bytes = 0;
        foreach (var (fan, name) in ObjectEntries())
        {
            var fingerprint = Fingerprint.FromHex(Path.GetFileName(fan.Path) + name);
            string? fault;
            try
            {
                using var file = fan.OpenFileOrNull(name, Libc.ORdOnly);
                if (file is null)
                    continue;
                var stat = StoreFile.Stat(file, fan.Combine(name));
                fault = ObjectFault(stat, null);
                if (fault is null)
                {
                    using var stream = new FileStream(file, FileAccess.Read, 1);
                    var actual = Fingerprint.FromDigest(SHA256.HashData(stream));
                    fault = actual == fingerprint ? null : $"content with SHA-256 {actual.Hex}";
                    bytes += (long)stat.Size;
                }
            }
            catch (IOException e) when (e.HResult == Libc.ELoop)
            {
                fault = "a symlink";
            }
            if (fault is null)
            {
                good++;
                continue;
            }
            Quarantine(fan, name, fault);
            bad++;
        }
        return new(Domain, good, bad, bytes);
    }

    private bool TryRemove(StoredObject candidate)
    {
        using var fan = ObjectFan(candidate.Fingerprint);
        string name = Name(candidate.Fingerprint);
        using var file = fan?.OpenFileOrNull(name, Libc.ORdOnly);
        if (fan is null || file is null || !StoreFile.Lock(file, Libc.LockExclusive | Libc.LockNonBlocking, fan.Combine(name)))
            return false;
        // A lease that opened the file before this lock sees the unlink and retries (it never holds a removed object).
        if (!SameInode(fan.StatEntryOrNull(name), StoreFile.Stat(file, fan.Combine(name))) || LastUse(candidate.Fingerprint) != candidate.LastUse)
            return false;
        fan.Remove(name);
        using var used = UsedFan(candidate.Fingerprint);
        used?.Remove(name);
        return true;
    }

    // Named temp files are left only by older versions (publication writes unnamed files now).
    private int RemoveAbandonedTempFiles()
    {
        int removed = 0;
        foreach (string name in _temp.Names())
        {
            using var file = _temp.OpenFileOrNull(name, Libc.ORdOnly);
            if (file is null || DateTime.UtcNow - ModifiedUtc(StoreFile.Stat(file, _temp.Combine(name))) < AbandonedTempAge
                || !StoreFile.Lock(file, Libc.LockExclusive | Libc.LockNonBlocking, _temp.Combine(name)))
                continue;
            _temp.Remove(name);
            removed++;
        }
        return removed;
    }

    private int EmptyQuarantine()
    {
        int removed = 0;
        foreach (string name in _quarantine.Names())
        {
            RemoveTree(_quarantine, name);
            removed++;
        }
        return removed;
    }

    // A quarantined entry may be a directory someone planted: remove it by descriptor, never following a link.
    private static void RemoveTree(StoreDirectory parent, string name)
    {
        if (parent.StatEntryOrNull(name) is { } stat && (stat.Mode & Libc.TypeMask) == Libc.TypeDirectory)
        {
            using var handle = parent.OpenFileOrNull(name, Libc.ORdOnly | Libc.ODirectory);
            if (handle is not null)
            {
                using var directory = StoreDirectory.Adopt(handle, parent.Combine(name));
                foreach (string child in directory.Names())
                    RemoveTree(directory, child);
            }
            parent.Remove(name, directory: true);
            return;
        }
        parent.Remove(name);
    }

    private int RemoveOrphanedUseRecords()
    {
        int removed = 0;
        foreach (string prefix in _used.Names().Where(IsFanName))
        {
            using var usedFan = _used.OpenChild(prefix, create: false);
            using var objectFan = _objects.OpenChild(prefix, create: false);
            if (usedFan is null)
                continue;
            foreach (string name in usedFan.Names())
            {
                if (objectFan?.StatEntryOrNull(name) is null && usedFan.Remove(name))
                    removed++;
            }
        }
        return removed;
    }

    private int RemoveStaleVerificationLogs()
    {
        int removed = 0;
        foreach (string sidecar in _verified.Names().Where(n => n.EndsWith(VerificationLog.ImageSuffix, StringComparison.Ordinal)))
        {
            string key = sidecar[..^VerificationLog.ImageSuffix.Length];
            if (ImageStillThere(sidecar, key))
                continue;
            _verified.Remove(key);
            _verified.Remove(sidecar);
            DropLogs();
            removed++;
        }
        return removed;
    }

    private bool ImageStillThere(string sidecar, string key)
    {
        using var file = _verified.OpenFileOrNull(sidecar, Libc.ORdOnly);
        if (file is null)
            return true;
        var bytes = new byte[4096];
        string path = System.Text.Encoding.UTF8.GetString(bytes, 0, RandomAccess.Read(file, bytes, 0));
        try
        {
            return ImageIdentity.Of(path).Key == key;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Every object with its size, last use, open leases and page-cache residency, least recently used
    /// first, the mismatches the domain's verification records hold, and the metadata images (mounted or not).
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public StoreStats Stats()
    {
        var locks = SharedLocksByFile();
        var objects = new List<StoredObject>();
        foreach (var entry in ListObjects().OrderBy(o => o.LastUse))
        {
            using var fan = ObjectFan(entry.Fingerprint);
            using var file = fan?.OpenFileOrNull(Name(entry.Fingerprint), Libc.ORdOnly);
            if (fan is null || file is null)
                continue;
            var stat = StoreFile.Stat(file, fan.Combine(Name(entry.Fingerprint)));
            int? leases = locks is null ? null : locks.GetValueOrDefault(LockKey(stat.DevMajor, stat.DevMinor, stat.Ino));
            objects.Add(entry with { Leases = leases, ResidentBytes = StoreFile.ResidentBytes(file) });
        }
        int mismatches = _verified.Names().Where(n => !n.EndsWith(VerificationLog.ImageSuffix, StringComparison.Ordinal))
            .Sum(CountMismatches);
        return new(Domain, objects, mismatches) { MetadataImages = ScanMetadataImages() };
    }

    private int CountMismatches(string log)
    {
        using var records = new VerificationLog(_verified, log, null);
        return records.Mismatches();
    }

    // Every plausible object name, as (fan-out directory, name below it).
    private IEnumerable<(StoreDirectory Fan, string Name)> ObjectEntries()
    {
        foreach (string prefix in _objects.Names().Where(IsFanName).ToList())
        {
            using var fan = _objects.OpenChild(prefix, create: false);
            if (fan is null)
                continue;
            foreach (string name in fan.Names().ToList())
            {
                if (name.Length == 2 * Fingerprint.Length - 2 && name.All(char.IsAsciiHexDigitLower))
                    yield return (fan, name);
            }
        }
    }

    // Regular files only, with size and last use; leases and residency are filled in by Stats.
    private List<StoredObject> ListObjects()
    {
        var list = new List<StoredObject>();
        foreach (var (fan, name) in ObjectEntries())
        {
            if (fan.StatEntryOrNull(name) is not { } stat || (stat.Mode & Libc.TypeMask) != Libc.TypeRegular)
                continue;
            var fingerprint = Fingerprint.FromHex(Path.GetFileName(fan.Path) + name);
            list.Add(new(fingerprint, (long)stat.Size, LastUse(fingerprint, stat), null, null));
        }
        return list;
    }

    private DateTime LastUse(Fingerprint fingerprint, StoreStatx? objectStat = null)
    {
        using (var usedFan = UsedFan(fingerprint))
        {
            if (usedFan?.StatEntryOrNull(Name(fingerprint)) is { } used)
                return ModifiedUtc(used);
        }
        if (objectStat is null)
        {
            using var fan = ObjectFan(fingerprint);
            objectStat = fan?.StatEntryOrNull(Name(fingerprint));
        }
        return objectStat is { } stat ? ModifiedUtc(stat) : DateTime.MinValue;
    }

    private static DateTime ModifiedUtc(in StoreStatx stat) =>
        DateTime.UnixEpoch.AddTicks(stat.MtimeSeconds * TimeSpan.TicksPerSecond + stat.MtimeNanoseconds / 100);

    private static bool IsFanName(string name) => name.Length == 2 && name.All(char.IsAsciiHexDigitLower);

    // Shared flocks per file from /proc/locks ("1: FLOCK  ADVISORY  READ 123 fe:00:4567 0 EOF"); waiters ("->") are not holders.
    private static Dictionary<string, int>? SharedLocksByFile()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/locks");
        }
        catch (IOException)
        {
            return null;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 6 && fields[1] == "FLOCK" && fields[3] == "READ")
                counts[fields[5]] = counts.GetValueOrDefault(fields[5]) + 1;
        }
        return counts;
    }

    private static string LockKey(uint major, uint minor, ulong inode) =>
        string.Create(CultureInfo.InvariantCulture, $"{major:x2}:{minor:x2}:{inode}");
}
