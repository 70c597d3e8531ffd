using Erofs.Checking;
using Erofs.Extracting;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Does with an image what fsck and extract do: open, <see cref="ImageChecker"/>, then every
/// reachable file through the public API (directory reads and lookups, data, extents, xattrs,
/// fingerprints, symlink targets), then <see cref="Extractor"/> into a temporary directory.
/// Allowed exceptions (content, unsupported feature, I/O) are recorded and the walk goes on;
/// any other exception escapes to fail the test.
/// </summary>
internal static class ImageWalk
{
    /// <summary>Bytes read from the start of each file (plus a window at its end): a flipped
    /// size can describe petabytes of legitimate holes, which is slow, not wrong.</summary>
    public const int ReadCapPerFile = 4 << 20;

    /// <summary>Extraction and fsck's full data read run only when every file together is this small.</summary>
    public const long ExtractCap = 64L << 20;

    private const int MaxEntries = 200_000;
    private const int MaxExtentsPerFile = 4096;

    /// <param name="image">The (patched) image.</param>
    /// <param name="options">Read options; CRC checking off by default.</param>
    /// <param name="thorough">Also run fsck's full data read and fingerprint check, and extract:
    /// the slow part (LOH buffers, file system calls), so a sweep does it for a share of its trials.</param>
    public static WalkReport Run(HostileImage image, ReadOptions? options = null, bool thorough = true)
    {
        var report = new WalkReport();
        ErofsImage opened;
        try
        {
            opened = image.Open(options);
        }
        catch (Exception e) when (Allowed.IsAllowed(e))
        {
            report.OpenFailure = e;
            return report;
        }
        using (opened)
        {
            long totalSize = Traverse(opened, report);
            bool full = thorough && totalSize <= ExtractCap;
            Guard(report, () => report.Issues = new ImageChecker(opened, new CheckOptions { ReadAllData = full, VerifyFingerprints = full }).Check());
            if (full)
                Guard(report, () => report.Extract = ExtractToTemporaryDirectory(opened));
        }
        return report;
    }

    // Breadth-first over directories, each directory once (a loop must not make the walk endless).
    private static long Traverse(ErofsImage image, WalkReport report)
    {
        long totalSize = 0;
        var buffer = new byte[64 << 10];
        var visited = new HashSet<ulong>();
        var pending = new Queue<InodeInfo>();
        Guard(report, () => _ = image.FingerprintXattrName);
        var root = image.Root;
        visited.Add(root.Nid);
        pending.Enqueue(root);
        Visit(image, root, report, buffer, ref totalSize);
        int entries = 0;
        while (pending.Count > 0 && entries < MaxEntries)
        {
            var dir = pending.Dequeue();
            // Take: a hostile directory can hold millions of (repeated) entries.
            var list = Guard(report, () => image.ReadDirectory(dir).Take(MaxEntries - entries + 1).ToList()) ?? [];
            LookUpSample(image, dir, list, report);
            foreach (var entry in list)
            {
                if (++entries > MaxEntries)
                    break;
                if (entry.IsDotOrDotDot)
                    continue;
                var inode = Guard(report, () => image.GetInode(entry.Nid));
                if (inode is null)
                    continue;
                if (inode.Kind == FileKind.Directory)
                {
                    if (visited.Add(inode.Nid))
                    {
                        pending.Enqueue(inode);
                        Visit(image, inode, report, buffer, ref totalSize);
                    }
                }
                else
                {
                    Visit(image, inode, report, buffer, ref totalSize);
                }
            }
        }
        return totalSize;
    }

    // Binary search over blocks and entries: the first, middle and last names and one that is absent.
    // (Not every name: a lookup decodes whole blocks, so 3200 of them would dominate the sweep.)
    private static void LookUpSample(ErofsImage image, InodeInfo dir, List<DirectoryEntry> entries, WalkReport report)
    {
        Guard(report, () => image.Lookup(dir, "\u00ff-absent-name"u8));
        if (entries.Count == 0)
            return;
        foreach (int i in new[] { 0, entries.Count / 2, entries.Count - 1 })
            Guard(report, () => image.Lookup(dir, entries[i].NameBytes));
    }

    private static void Visit(ErofsImage image, InodeInfo inode, WalkReport report, byte[] buffer, ref long totalSize)
    {
        report.InodesVisited++;
        Guard(report, () => image.ListXattrs(inode));
        Guard(report, () => image.GetFingerprint(inode));
        Guard(report, () => image.GetExtents(inode).Take(MaxExtentsPerFile).Count());
        switch (inode.Kind)
        {
            case FileKind.Symlink:
                Guard(report, () => image.ReadLink(inode));
                break;
            case FileKind.Regular:
                totalSize = Math.Min(totalSize + (long)Math.Min(inode.Size, ExtractCap + 1), ExtractCap + 1);
                Guard(report, () => ReadData(image, inode, buffer));
                break;
        }
    }

    // Reads the start of the file through a stream and a window at its end through Read.
    private static long ReadData(ErofsImage image, InodeInfo inode, byte[] buffer)
    {
        long size = (long)inode.Size;
        long read = 0;
        using (var stream = image.OpenRead(inode))
        {
            int n;
            while (read < ReadCapPerFile && (n = stream.Read(buffer)) > 0)
                read += n;
        }
        if (size > ReadCapPerFile)
            read += image.Read(inode, size - buffer.Length, buffer);
        return read;
    }

    private static ExtractResult ExtractToTemporaryDirectory(ErofsImage image)
    {
        using var scratch = new ScratchDirectory();
        return new Extractor(image).ExtractTo(scratch["out"]);
    }

    private static T? Guard<T>(WalkReport report, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Allowed.IsAllowed(e))
        {
            report.Failures.Add(e);
            return default;
        }
    }
}
