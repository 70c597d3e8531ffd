using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Runtime.Store;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Publishing ahead with real daemons: opening one file of a directory makes the small files after it
/// objects (not large files, not other directories); a stat-only walk publishes nothing; a lying file
/// among them is not shared and reads its own bytes; unmounting while it runs ends cleanly.
/// </summary>
public sealed class PublishAheadMountTests(ITestOutputHelper output)
{
    private const int Directories = 24;

    private static Dictionary<string, byte[]> Tree(int files, int size, string directory = "/d") =>
        Enumerable.Range(0, files).ToDictionary(i => $"{directory}/f{i:D2}", i => SharingScratch.Random(size + i, 300 + i));

    [Fact]
    public void OpeningOneFileMakesTheSmallFilesAfterItInItsDirectoryObjects()
    {
        using var scratch = new SharingScratch();
        var files = Tree(30, 3000);
        var large = SharingScratch.Random(2 << 20, 1);
        var elsewhere = SharingScratch.Random(4000, 2);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]>(files) { ["/d/zlarge"] = large, ["/e/g"] = elsewhere });
        string log = scratch.NewLog();

        using (var mount = scratch.Mount(image, "d", log))
        {
            Assert.Equal(files["/d/f00"], File.ReadAllBytes(mount.Resolve("/d/f00")));
            WaitUntil(() => files.Values.All(c => File.Exists(scratch.ObjectPath("d", c))));
            Assert.Equal(files["/d/f17"], File.ReadAllBytes(mount.Resolve("/d/f17")));
            Assert.False(File.Exists(scratch.ObjectPath("d", large)), "a large file is hashed by its own open only");
            Assert.False(File.Exists(scratch.ObjectPath("d", elsewhere)), "another directory was published");
        }
        var counters = MountCounters.FromLog(log);
        Assert.Equal((0, 2, 2), (counters.Reads, counters.SharedFiles, counters.SharedOpens)); // counters speak of opened files
        Assert.Equal((30, 30), (counters.Hashed, counters.Published));
    }

    [Fact]
    public void AStatOnlyWalkPublishesNothing()
    {
        using var scratch = new SharingScratch();
        var files = Tree(20, 2000);
        foreach (var (path, content) in Tree(20, 2500, "/sub/dir"))
            files[path] = content;
        string image = scratch.BuildImage("img", files);
        string log = scratch.NewLog();

        using (var mount = scratch.Mount(image, "d", log))
        {
            ProcessRunner.RunChecked("ls", "-lR", mount.MountPoint);
            foreach (string path in files.Keys)
                Assert.Equal(files[path].Length, new FileInfo(mount.Resolve(path)).Length);
            ProcessRunner.RunChecked("find", mount.MountPoint, "-type", "f", "-size", "+1c");
        }
        var counters = MountCounters.FromLog(log); // unmounted: anything published ahead would be linked by now
        Assert.Equal((0, 0, 0), (counters.SharedFiles, counters.Hashed, counters.Published));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(scratch.Store, "d", "objects"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ALyingFileAfterTheOpenedOneIsNotSharedAndReadsItsOwnBytes()
    {
        using var scratch = new SharingScratch();
        var files = Tree(6, 8192).ToDictionary(f => f.Key, f => f.Value[..8192]); // whole blocks, so Falsify can rewrite them
        string image = scratch.BuildImage("img", files);
        var other = SharingScratch.Random(8192, 9);
        SharingScratch.Falsify(image, "/d/f03", other); // claims the hash of files["/d/f03"], holds other
        string log = scratch.NewLog();

        using (var mount = scratch.Mount(image, "d", log))
        {
            Assert.Equal(files["/d/f00"], File.ReadAllBytes(mount.Resolve("/d/f00")));
            WaitUntil(() => File.Exists(scratch.ObjectPath("d", files["/d/f05"])));
            Assert.False(File.Exists(scratch.ObjectPath("d", files["/d/f03"])), "a mismatch must not publish");
            Assert.Equal(other, File.ReadAllBytes(mount.Resolve("/d/f03")));
            Assert.Equal(files["/d/f04"], File.ReadAllBytes(mount.Resolve("/d/f04")));
        }
        var counters = MountCounters.FromLog(log);
        Assert.Equal((1, 2, 1), (counters.Mismatches, counters.SharedFiles, counters.PrivateFiles));
        Assert.True(counters.Reads > 0, "the lying file is served by the daemon");
        Assert.Contains(File.ReadAllLines(log), l => l.Contains("does not match its fingerprint", StringComparison.Ordinal));
        Assert.False(File.Exists(scratch.ObjectPath("d", other)));
    }

    [Fact]
    public void UnmountWhilePublishingAheadEndsCleanlyAndLeavesASoundStore()
    {
        using var scratch = new SharingScratch();
        var files = new Dictionary<string, byte[]>();
        for (int d = 0; d < Directories; d++)
        {
            foreach (var (path, content) in Tree(40, 24_000, $"/d{d:D2}"))
                files[path] = content;
        }
        string image = scratch.BuildImage("img", files);
        var mount = scratch.Mount(image, "d", scratch.NewLog());
        try
        {
            // One first open per directory starts publishing its files ahead; unmount at once.
            for (int d = 0; d < Directories; d++)
                Assert.Equal(files[$"/d{d:D2}/f00"], File.ReadAllBytes(mount.Resolve($"/d{d:D2}/f00")));
            var umount = ErofsCli.Run("umount", mount.MountPoint);
            Assert.True(umount.Succeeded, umount.StdErr);
            Assert.True(DaemonMount.WaitForExit(mount.DaemonPid, Patience.Wait), "the daemon outlived its mount");
        }
        finally
        {
            mount.Dispose();
        }

        using (var store = new ObjectStore(scratch.Store, "d", create: false))
        {
            var stats = store.Stats();
            // How far it got is the machine's business; that it stopped cleanly is the point.
            output.WriteLine($"{stats.Objects.Count} of {files.Count} files were objects when the daemon ended");
            Assert.Equal(0, stats.Leases);
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(scratch.Store, "d", "tmp")));
        ErofsCli.Run("store", "fsck", scratch.Store).EnsureSuccess(); // every object holds the content its name says
        string log = scratch.NewLog();
        using (var again = scratch.Mount(image, "d", log))
        {
            foreach (var (path, content) in files.Where(f => f.Key.EndsWith("f39", StringComparison.Ordinal) || f.Key.EndsWith("f01", StringComparison.Ordinal)))
                Assert.Equal(content, File.ReadAllBytes(again.Resolve(path)));
        }
        Assert.Equal(0, MountCounters.FromLog(log).Mismatches);
    }

    // Objects published ahead are linked in batches (within about 50 ms) by a daemon that keeps running.
    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience.Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {Patience.Wait.TotalSeconds} s");
            Thread.Sleep(50);
        }
    }
}
