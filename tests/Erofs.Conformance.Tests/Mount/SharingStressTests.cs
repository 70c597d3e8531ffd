using System.Collections.Concurrent;
using System.Diagnostics;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Runtime.Store;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Sharing under load: many threads opening and reading random files of two mounts of one domain while
/// gc runs; unmount during reads; SIGKILL of a daemon holding leases, then a remount that reuses the store.
/// </summary>
public sealed class SharingStressTests
{
    private static readonly TimeSpan ReadTime = TimeSpan.FromSeconds(6);

    [Fact]
    public void RandomReadsAcrossTwoMountsStayCorrectWhileGcRuns()
    {
        using var scratch = new SharingScratch();
        var (filesA, filesB) = TwoTrees();
        string a = scratch.BuildImage("a", filesA);
        string b = scratch.BuildImage("b", filesB, owner: 42);
        var failures = new ConcurrentBag<string>();
        long reads = 0;
        int gcRemoved = 0;

        string logA = scratch.NewLog(), logB = scratch.NewLog();
        // No lingering leases: objects go unused between reads, so gc races with their republication.
        using (var mountA = scratch.Mount(a, "d", logA, "lease_linger=0"))
        using (var mountB = scratch.Mount(b, "d", logB, "lease_linger=0"))
        {
            var targets = filesA.Select(f => (mountA.Resolve(f.Key), f.Value)).Concat(filesB.Select(f => (mountB.Resolve(f.Key), f.Value))).ToArray();
            var stop = Stopwatch.StartNew();
            var readers = Enumerable.Range(0, 6).Select(seed => new Thread(() =>
            {
                var random = new Random(seed);
                while (stop.Elapsed < ReadTime)
                {
                    var (path, content) = targets[random.Next(targets.Length)];
                    string? problem = ReadAndCheck(path, content, random);
                    if (problem is not null)
                        failures.Add(problem);
                    Interlocked.Increment(ref reads);
                }
            })).ToList();
            var store = new ObjectStore(scratch.Store, "d");
            var gc = new Thread(() =>
            {
                while (stop.Elapsed < ReadTime)
                {
                    Interlocked.Add(ref gcRemoved, store.Gc().Removed);
                    Thread.Sleep(20);
                }
            });
            readers.ForEach(t => t.Start());
            gc.Start();
            readers.ForEach(t => t.Join());
            gc.Join();
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)) + "\n" + File.ReadAllText(logA) + File.ReadAllText(logB));
        Assert.True(reads > 100, $"only {reads} reads");
        Assert.True(gcRemoved > 0, "gc never found an unused object: the test did not exercise gc during reads");
    }

    [Fact]
    public void UnmountDuringReadsEndsTheReadersAndTheDaemon()
    {
        using var scratch = new SharingScratch();
        var (files, _) = TwoTrees();
        string image = scratch.BuildImage("a", files);
        var mount = scratch.Mount(image, "d", scratch.NewLog());
        try
        {
            var targets = files.Select(f => (mount.Resolve(f.Key), f.Value)).ToArray();
            var wrong = new ConcurrentBag<string>();
            var readers = Enumerable.Range(0, 4).Select(seed => new Thread(() =>
            {
                var random = new Random(seed);
                for (int i = 0; i < 1_000_000; i++)
                {
                    var (path, content) = targets[random.Next(targets.Length)];
                    try
                    {
                        if (ReadAndCheck(path, content, random) is { } problem && !problem.Contains("Exception", StringComparison.Ordinal))
                            wrong.Add(problem);
                    }
                    catch (IOException)
                    {
                    }
                    if (!MountTable.IsMountPoint(mount.MountPoint))
                        return;
                }
            })).ToList();
            readers.ForEach(t => t.Start());
            Thread.Sleep(1500);

            var umount = ErofsCli.Run("umount", mount.MountPoint);

            Assert.True(umount.Succeeded, umount.StdErr);
            Assert.All(readers, t => Assert.True(t.Join(Patience.Wait), "a reader hangs after unmount"));
            Assert.True(DaemonMount.WaitForExit(mount.DaemonPid, Patience.Wait), "the daemon outlived its mount");
            Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(5)));
            Assert.Equal(0, new ObjectStore(scratch.Store, "d").Stats().Leases);
        }
        finally
        {
            mount.Dispose();
        }
    }

    [Fact]
    public void SigkillKeepsTheStoreConsistentAndTheNextMountReusesIt()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(4 << 20, 11);
        string image = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/f"] = data });
        var store = new ObjectStore(scratch.Store, "d");
        var mount = scratch.Mount(image, "d", scratch.NewLog());
        try
        {
            using (var open = File.OpenHandle(mount.Resolve("/f")))
            {
                var head = new byte[8192];
                Assert.Equal(head.Length, RandomAccess.Read(open, head, 0));
                // Seen once right after the first open published the object: a second lock for a moment
                // (the publisher's descriptor still closing?). A count from outside may lag; it must settle at 1.
                Assert.True(SpinWait.SpinUntil(() => store.Stats().Leases == 1, Patience.Wait),
                    $"{store.Stats().Leases} leases on the object while one file is open");

                Process.GetProcessById(mount.DaemonPid).Kill();
                Assert.True(DaemonMount.WaitForExit(mount.DaemonPid, Patience.Wait));
            }
            Assert.True(ErofsCli.Run("umount", mount.MountPoint).Succeeded);
            var stats = store.Stats();
            Assert.Equal(0, stats.Leases); // the locks died with the daemon (and the kernel's backing files with the connection)
            Assert.Equal(data, File.ReadAllBytes(scratch.ObjectPath("d", data)));
            Assert.Empty(Directory.GetFiles(Path.Combine(scratch.Store, "d", "tmp")));

            string log = scratch.NewLog();
            using (var again = scratch.Mount(image, "d", log))
                Assert.Equal(data, File.ReadAllBytes(again.Resolve("/f")));
            var counters = MountCounters.FromLog(log);
            Assert.Equal((1, 0, 0, 0), (counters.SharedFiles, counters.Hashed, counters.Published, counters.Reads));
        }
        finally
        {
            mount.Dispose();
        }
    }

    // Reads a random range through a fresh open (so opens and releases churn leases) and compares.
    private static string? ReadAndCheck(string path, byte[] content, Random random)
    {
        try
        {
            using var file = File.OpenHandle(path);
            int offset = random.Next(content.Length);
            var buffer = new byte[Math.Min(content.Length - offset, random.Next(1, 256 << 10))];
            int done = 0;
            while (done < buffer.Length)
            {
                int n = RandomAccess.Read(file, buffer.AsSpan(done), offset + done);
                if (n <= 0)
                    return $"{path}: short read at {offset + done}";
                done += n;
            }
            return buffer.AsSpan().SequenceEqual(content.AsSpan(offset, buffer.Length)) ? null : $"{path}: wrong bytes at {offset}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: {e.GetType().Name}: {e.Message}";
        }
    }

    // Two trees of ~20 files each; half the contents appear in both (under other names), a few files are empty.
    private static (Dictionary<string, byte[]> A, Dictionary<string, byte[]> B) TwoTrees()
    {
        var random = new Random(17);
        var a = new Dictionary<string, byte[]>();
        var b = new Dictionary<string, byte[]>();
        for (int i = 0; i < 20; i++)
        {
            int size = i % 7 == 0 ? 0 : random.Next(1, 1 << 20);
            var content = SharingScratch.Random(size, 100 + i);
            a[$"/dir{i % 3}/file{i}"] = content;
            b[$"/other/f{i}.bin"] = i % 2 == 0 ? content : SharingScratch.Random(size, 200 + i);
        }
        return (a, b);
    }
}
