using System.Globalization;
using Erofs.Runtime.Interop;

namespace Erofs.Runtime.Sharing;

public sealed partial class ObjectStore
{
    /// <summary>How old an unlocked temp file must be before gc treats its writer as dead.</summary>
    internal static readonly TimeSpan AbandonedTempAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Removes objects no lease holds, least recently used first: every such object when
    /// <paramref name="maxBytes"/> is null, else only until the domain holds at most that many bytes.
    /// Per candidate: LOCK_EX|LOCK_NB (fails while any lease is open), re-check that the path still names
    /// that inode and its last use did not change, unlink, release. Safe while mounts are live.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read or an object cannot be removed.</exception>
    public GcResult Gc(long? maxBytes = null)
    {
        int temps = RemoveAbandonedTempFiles();
        var candidates = ListObjects().OrderBy(o => o.LastUse).ToList();
        long total = candidates.Sum(o => o.Size);
        int removed = 0, inUse = 0;
        long removedBytes = 0;
        foreach (var candidate in candidates)
        {
            if (maxBytes is long limit && total <= limit)
                break;
            if (!TryRemove(candidate))
            {
                inUse++;
                continue;
            }
            removed++;
            removedBytes += candidate.Size;
            total -= candidate.Size;
        }
        return new(removed, removedBytes, candidates.Count - removed, total, inUse, temps);
    }

    private bool TryRemove(StoredObject candidate)
    {
        string path = ObjectPath(candidate.Fingerprint);
        using var file = StoreFile.OpenReadOrNull(path);
        if (file is null || !StoreFile.Lock(file, Libc.LockExclusive | Libc.LockNonBlocking, path))
            return false;
        // A lease that opened the file before this lock sees the unlink and retries (it never holds a removed object).
        if (!StillLinked(path, StoreFile.Stat(file, path)) || LastUse(candidate.Fingerprint) != candidate.LastUse)
            return false;
        StoreFile.Remove(path);
        StoreFile.Remove(UsedPath(candidate.Fingerprint));
        return true;
    }

    private int RemoveAbandonedTempFiles()
    {
        int removed = 0;
        foreach (string temp in Directory.EnumerateFiles(TempDirectory))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(temp) < AbandonedTempAge)
                continue;
            using var file = StoreFile.OpenReadOrNull(temp);
            if (file is null || !StoreFile.Lock(file, Libc.LockExclusive | Libc.LockNonBlocking, temp))
                continue;
            StoreFile.Remove(temp);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Every object with its size, last use, open leases and page-cache residency, least recently used
    /// first, and the mismatches the domain's verification records hold.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public StoreStats Stats()
    {
        var locks = SharedLocksByFile();
        var objects = new List<StoredObject>();
        foreach (var entry in ListObjects().OrderBy(o => o.LastUse))
        {
            string path = ObjectPath(entry.Fingerprint);
            using var file = StoreFile.OpenReadOrNull(path);
            if (file is null)
                continue;
            var stat = StoreFile.Stat(file, path);
            int? leases = locks is null ? null : locks.GetValueOrDefault(LockKey(stat.DevMajor, stat.DevMinor, stat.Ino));
            objects.Add(entry with { Leases = leases, ResidentBytes = StoreFile.ResidentBytes(file) });
        }
        int mismatches = Directory.EnumerateFiles(VerifiedDirectory).Sum(log => new VerificationLog(log).Mismatches());
        return new(Domain, objects, mismatches);
    }

    // Size and last use only; leases and residency are filled in by Stats.
    private List<StoredObject> ListObjects()
    {
        var list = new List<StoredObject>();
        foreach (string fan in Directory.EnumerateDirectories(ObjectsDirectory))
        {
            string prefix = Path.GetFileName(fan);
            foreach (string file in Directory.EnumerateFiles(fan))
            {
                string hex = prefix + Path.GetFileName(file);
                if (hex.Length != 2 * Fingerprint.Length || !hex.All(char.IsAsciiHexDigit))
                    continue;
                var fingerprint = Fingerprint.FromHex(hex);
                var info = new FileInfo(file);
                if (info.Exists)
                    list.Add(new(fingerprint, info.Length, LastUse(fingerprint, info), null, null));
            }
        }
        return list;
    }

    private DateTime LastUse(Fingerprint fingerprint, FileInfo? objectInfo = null)
    {
        var used = new FileInfo(UsedPath(fingerprint));
        return used.Exists ? used.LastWriteTimeUtc : (objectInfo ?? new FileInfo(ObjectPath(fingerprint))).LastWriteTimeUtc;
    }

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
