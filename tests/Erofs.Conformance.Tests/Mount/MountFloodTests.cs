using System.Diagnostics;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A bounded flood of parallel lookups (hits and misses), stats, readdirs and reads (damaged files
/// included), with the kernel dropping its dentry and inode caches every second so FORGETs arrive,
/// cannot grow the daemon's memory without bound, and the daemon keeps serving.
/// </summary>
public sealed class MountFloodTests(ITestOutputHelper output)
{
    private const int Directories = 20;
    private const int FilesPerDirectory = 50;
    private const long AllowedGrowthKb = 64 << 10;
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(10);

    [Fact]
    public void FloodOfRequestsDoesNotGrowTheDaemonWithoutBound()
    {
        using var dir = TempDir.Create("flood");
        string image = Build(dir);
        var victims = Damage(image);
        using var mount = DaemonMount.Start(image, []);
        var files = Enumerable.Range(0, Directories)
            .SelectMany(d => Enumerable.Range(0, FilesPerDirectory).Select(f => mount.Resolve($"/d{d:D2}/f{f:D3}"))).ToArray();
        foreach (string file in files)
            ReadIgnoringEio(file); // warm up: every node looked up, every pcluster decoded once
        long before = RssKb(mount.DaemonPid);
        int operations = Flood(mount, files);
        long after = RssKb(mount.DaemonPid);
        output.WriteLine($"{operations} operations in {FloodTime.TotalSeconds} s; daemon RSS {before} kB after warm-up, {after} kB after the flood");
        Assert.True(DaemonMount.IsAlive(mount.DaemonPid), "the daemon died during the flood");
        Assert.True(after - before < AllowedGrowthKb, $"daemon RSS grew by {after - before} kB during the flood (allowed {AllowedGrowthKb} kB)");
        Assert.Throws<IOException>(() => File.ReadAllBytes(mount.Resolve(victims[0])));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Combine("tree"), "d00", "f001")), File.ReadAllBytes(mount.Resolve("/d00/f001")));
    }

    private static int Flood(DaemonMount mount, string[] files)
    {
        int operations = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            while (clock.Elapsed < FloodTime)
            {
                string file = files[random.Next(files.Length)];
                switch (random.Next(5))
                {
                    case 0:
                        _ = File.Exists(file);
                        break;
                    case 1:
                        _ = File.Exists(Path.Combine(Path.GetDirectoryName(file)!, $"missing-{random.Next()}"));
                        break;
                    case 2:
                        _ = Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!).Length;
                        break;
                    default:
                        ReadIgnoringEio(file);
                        break;
                }
                Interlocked.Increment(ref operations);
            }
        })).ToList();
        var dropper = Task.Run(() =>
        {
            // Dentries and inodes evicted: the kernel sends FORGETs, later lookups come back.
            while (clock.Elapsed < FloodTime)
            {
                File.WriteAllText("/proc/sys/vm/drop_caches", "2");
                Thread.Sleep(1000);
            }
        });
        Task.WaitAll([.. workers, dropper]);
        return operations;
    }

    private static void ReadIgnoringEio(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            stream.CopyTo(Stream.Null);
        }
        catch (IOException e) when (e.Message.Contains("Input/output error", StringComparison.Ordinal))
        {
            // a damaged file: expected
        }
    }

    private static long RssKb(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Build(TempDir dir)
    {
        ErofsUtils.Require();
        string tree = dir.CreateSubdirectory("tree");
        var random = new Random(7);
        for (int d = 0; d < Directories; d++)
        {
            string sub = Directory.CreateDirectory(Path.Combine(tree, $"d{d:D2}")).FullName;
            for (int f = 0; f < FilesPerDirectory; f++)
            {
                int length = random.Next(0, 40_000);
                File.WriteAllText(Path.Combine(sub, $"f{f:D3}"), string.Concat(Enumerable.Range(0, length / 10).Select(i => $"{i * 7 % 1000,9}\n")));
            }
        }
        string image = dir.Combine("image.erofs");
        ErofsUtils.Mkfs(image, tree, "-zlz4hc", "--quiet");
        return image;
    }

    // Every 25th file's first pcluster becomes 0xFF bytes, which no LZ4 decoder accepts.
    private static List<string> Damage(string image)
    {
        var patches = new List<(long Offset, int Length)>();
        var victims = new List<string>();
        using (var reader = ErofsImage.Open(image))
        {
            for (int d = 0; d < Directories; d++)
            {
                for (int f = 0; f < FilesPerDirectory; f += 25)
                {
                    string path = $"/d{d:D2}/f{f:D3}";
                    var compressed = reader.GetExtents(reader.ResolvePath(path)!).Where(e => e.Kind == ExtentKind.Compressed).Take(1).ToList();
                    if (compressed is not [var extent] || extent.PhysicalOffset < 4096)
                        continue;
                    patches.Add((extent.PhysicalOffset, (int)extent.PhysicalLength));
                    victims.Add(path);
                }
            }
        }
        using var file = new FileStream(image, FileMode.Open, FileAccess.Write);
        foreach (var (offset, length) in patches)
        {
            file.Position = offset;
            file.Write(Enumerable.Repeat((byte)0xFF, length).ToArray());
        }
        Assert.NotEmpty(victims);
        return victims;
    }
}
