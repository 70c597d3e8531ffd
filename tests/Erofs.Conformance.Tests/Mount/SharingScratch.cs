using System.Globalization;
using System.Security.Cryptography;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A scratch directory for sharing tests: images built with `erofs mkfs --xattr-inode-digest` from
/// generated trees (sources deleted once built, image pages dropped from the cache), a store, log files,
/// and page-cache measurement with fincore (the kernel's own accounting, per file).
/// </summary>
internal sealed class SharingScratch : IDisposable
{
    private readonly TempDir _dir = TempDir.Create("sharing");
    private int _logs;

    public string Store => _dir.Combine("store");

    public string Combine(string name) => _dir.Combine(name);

    /// <summary>Builds an image of <paramref name="files"/> (tree path → content) whose metadata is set by <paramref name="owner"/> and <paramref name="mtime"/>.</summary>
    public string BuildImage(string name, IReadOnlyDictionary<string, byte[]> files, int owner = 0, DateTime? mtime = null, bool fingerprints = true)
    {
        string source = _dir.CreateSubdirectory(name + ".src");
        foreach (var (path, content) in files)
        {
            string full = Path.Combine(source, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
            ProcessRunner.RunChecked("chown", owner.ToString(CultureInfo.InvariantCulture), full);
            File.SetLastWriteTimeUtc(full, mtime ?? new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }
        string image = _dir.Combine(name + ".erofs");
        string[] digest = fingerprints ? ["--xattr-inode-digest"] : [];
        ErofsCli.Run(["mkfs", .. digest, image, source]).EnsureSuccess();
        TempDir.DeleteTree(source);
        DropFromCache(image);
        return image;
    }

    /// <summary>Overwrites the stored bytes of <paramref name="treePath"/> (plain layout) with <paramref name="content"/> of the same length: its fingerprint now lies.</summary>
    public static void Falsify(string image, string treePath, byte[] content)
    {
        List<Extent> extents;
        using (var opened = ErofsImage.Open(image))
        {
            var inode = opened.ResolvePath(treePath)!;
            Assert.Equal((ulong)content.Length, inode.Size);
            extents = [.. opened.GetExtents(inode)];
        }
        using var file = File.OpenHandle(image, FileMode.Open, FileAccess.ReadWrite);
        foreach (var extent in extents)
        {
            Assert.Equal(ExtentKind.Plain, extent.Kind);
            RandomAccess.Write(file, content.AsSpan((int)extent.LogicalOffset, (int)extent.Length), extent.PhysicalOffset);
        }
        RandomAccess.FlushToDisk(file);
        PageCache.Drop(file, 0, 0);
    }

    /// <summary>A fresh log file path.</summary>
    public string NewLog() => _dir.Combine($"daemon{Interlocked.Increment(ref _logs)}.log");

    /// <summary>Mounts <paramref name="image"/> sharing in <paramref name="domain"/> of this store, logging to <paramref name="log"/>.</summary>
    public DaemonMount Mount(string image, string domain, string log, params string[] extra) =>
        DaemonMount.Start(image, [$"inode_share,backend=fuse,domain_id={domain},store={Store}", .. extra], log);

    /// <summary>The object path of <paramref name="content"/> in <paramref name="domain"/>.</summary>
    public string ObjectPath(string domain, byte[] content)
    {
        string hex = Convert.ToHexStringLower(SHA256.HashData(content));
        return Path.Combine(Store, domain, "objects", hex[..2], hex[2..]);
    }

    /// <summary>Bytes of <paramref name="path"/> in the page cache, by fincore (0 when the file does not exist).</summary>
    public static long Resident(string path)
    {
        if (!File.Exists(path))
            return 0;
        string output = ProcessRunner.RunChecked("fincore", "--bytes", "--noheadings", "--raw", "--output", "RES", path).StdOut.Trim();
        return long.Parse(output, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes back and drops a file's pages, so measurements start from nothing.</summary>
    public static void DropFromCache(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(file);
        PageCache.Drop(file, 0, 0);
    }

    /// <summary>SHA-256 of a file read through the mount.</summary>
    public static byte[] HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => _dir.Dispose();
}
