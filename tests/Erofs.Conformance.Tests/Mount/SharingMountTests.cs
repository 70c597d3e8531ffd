using System.Diagnostics;
using System.Security.Cryptography;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Runtime.Store;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// `erofs mount -o inode_share,domain_id=D,store=DIR` with real daemons: equal content in two images
/// is cached once (measured with fincore on the object and the images) and never read by the daemons;
/// other domains do not share; a lying image reads its own bytes and is counted; verification is
/// remembered per image version; leases keep objects from gc while files are open and for their
/// linger time after.
/// </summary>
public sealed class SharingMountTests(ITestOutputHelper output)
{
    private const int Big = 64 << 20;

    [Fact]
    public void TwoImagesInOneDomainCacheTheFileOnceAndTheDaemonsReadNothing()
    {
        using var scratch = new SharingScratch();
        var big = SharingScratch.Random(Big, 1);
        string a = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/big"] = big, ["/a.txt"] = "a"u8.ToArray() });
        string b = scratch.BuildImage("b", new Dictionary<string, byte[]> { ["/lib/other-name"] = big, ["/b.txt"] = "bb"u8.ToArray() },
            owner: 1234, mtime: new DateTime(2011, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        string objectPath = scratch.ObjectPath("d1", big);
        string logA = scratch.NewLog(), logB = scratch.NewLog();

        using (var mountA = scratch.Mount(a, "d1", logA))
        using (var mountB = scratch.Mount(b, "d1", logB))
        {
            Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(mountA.Resolve("/big")));
            long afterFirst = Cached(objectPath, a, b);
            Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(mountB.Resolve("/lib/other-name")));
            long afterSecond = Cached(objectPath, a, b);
            output.WriteLine($"one domain: page cache after first read {afterFirst >> 20} MiB, after second {afterSecond >> 20} MiB (+{(afterSecond - afterFirst) >> 10} KiB)");

            Assert.InRange(afterFirst, Big * 9L / 10, Big * 11L / 10);
            Assert.True(afterSecond - afterFirst < Big / 10, $"the second read added {afterSecond - afterFirst} bytes");
            Assert.True(SharingScratch.Resident(objectPath) >= Big * 9L / 10, "the object holds the cached data");
        }
        var countersA = MountCounters.FromLog(logA);
        var countersB = MountCounters.FromLog(logB);
        Assert.Equal(0, countersA.Reads);
        Assert.Equal(0, countersB.Reads);
        Assert.Equal((1, 1, 1), (countersA.SharedFiles, countersA.Hashed, countersA.Published));
        Assert.Equal((1, 1, 0), (countersB.SharedFiles, countersB.Hashed, countersB.Published)); // verified, not republished
    }

    [Fact]
    public void DifferentDomainsDoNotShare()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(16 << 20, 2);
        string a = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/data"] = data });
        string b = scratch.BuildImage("b", new Dictionary<string, byte[]> { ["/x/data"] = data }, owner: 7);

        using (var mountA = scratch.Mount(a, "one", scratch.NewLog()))
        using (var mountB = scratch.Mount(b, "two", scratch.NewLog()))
        {
            Assert.Equal(data, File.ReadAllBytes(mountA.Resolve("/data")));
            long afterFirst = Cached(scratch.ObjectPath("one", data), a, b) + SharingScratch.Resident(scratch.ObjectPath("two", data));
            Assert.Equal(data, File.ReadAllBytes(mountB.Resolve("/x/data")));
            long afterSecond = Cached(scratch.ObjectPath("one", data), a, b) + SharingScratch.Resident(scratch.ObjectPath("two", data));
            output.WriteLine($"two domains: page cache after first read {afterFirst >> 20} MiB, after second {afterSecond >> 20} MiB");

            Assert.True(afterSecond - afterFirst >= data.Length * 9L / 10, $"the second domain added only {afterSecond - afterFirst} bytes");
            Assert.True(File.Exists(scratch.ObjectPath("one", data)) && File.Exists(scratch.ObjectPath("two", data)));
        }
    }

    [Fact]
    public void ALyingImageReadsItsOwnBytesBeforeAndAfterTheHonestOneAndIsCounted()
    {
        using var scratch = new SharingScratch();
        var honest = SharingScratch.Random(1 << 20, 3);
        var other = SharingScratch.Random(1 << 20, 4);
        string good = scratch.BuildImage("good", new Dictionary<string, byte[]> { ["/lib.so"] = honest });
        string liar = scratch.BuildImage("liar", new Dictionary<string, byte[]> { ["/lib.so"] = honest }, owner: 99);
        SharingScratch.Falsify(liar, "/lib.so", other); // claims sha256(honest), holds other
        string liarLog = scratch.NewLog(), goodLog = scratch.NewLog();

        using (var lying = scratch.Mount(liar, "d", liarLog))
        {
            Assert.Equal(other, File.ReadAllBytes(lying.Resolve("/lib.so")));
            Assert.False(File.Exists(scratch.ObjectPath("d", honest)), "a mismatch must not publish");
            using (var honestMount = scratch.Mount(good, "d", goodLog))
            {
                Assert.Equal(honest, File.ReadAllBytes(honestMount.Resolve("/lib.so")));
                Assert.Equal(other, File.ReadAllBytes(lying.Resolve("/lib.so")));
                Assert.Equal(honest, File.ReadAllBytes(scratch.ObjectPath("d", honest)));
            }
        }
        string liarLog2 = scratch.NewLog();
        using (var lyingAgain = scratch.Mount(liar, "d", liarLog2))
            Assert.Equal(other, File.ReadAllBytes(lyingAgain.Resolve("/lib.so"))); // the object exists now: still its own bytes

        var first = MountCounters.FromLog(liarLog);
        Assert.Equal((1, 0, 1), (first.Mismatches, first.SharedFiles, first.Hashed));
        Assert.True(first.Reads > 0, "the lying file is served by the daemon");
        Assert.Contains(File.ReadAllLines(liarLog), l => l.Contains("does not match its fingerprint", StringComparison.Ordinal) && l.Contains(liar, StringComparison.Ordinal));
        var again = MountCounters.FromLog(liarLog2);
        Assert.Equal((1, 0), (again.Mismatches, again.Hashed)); // the recorded mismatch is reused, still counted
        Assert.Equal(0, MountCounters.FromLog(goodLog).Mismatches);
        Assert.Contains("1 mismatched files", ErofsCli.Run("store", "stats", scratch.Store).EnsureSuccess().StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void EachImageVersionIsHashedOnceAcrossMounts()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(2 << 20, 5);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = data, ["/g"] = SharingScratch.Random(5000, 6) });

        long HashedByOneMount()
        {
            string log = scratch.NewLog();
            using (var mount = scratch.Mount(image, "d", log))
            {
                Assert.Equal(data, File.ReadAllBytes(mount.Resolve("/f")));
                Assert.Equal(data, File.ReadAllBytes(mount.Resolve("/f")));
            }
            var counters = MountCounters.FromLog(log);
            Assert.Equal(1, counters.SharedFiles);
            Assert.Equal(0, counters.Reads);
            return counters.Hashed;
        }

        Assert.Equal(1, HashedByOneMount());
        Assert.Equal(0, HashedByOneMount());
        File.SetLastWriteTimeUtc(image, DateTime.UtcNow); // a new image version: old results no longer apply
        Assert.Equal(1, HashedByOneMount());
    }

    [Fact]
    public void OpenFilesHoldTheirObjectAgainstGcWhichMayRemoveItOnceClosedOrUnmounted()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(1 << 20, 7);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = data });
        string objectPath = scratch.ObjectPath("d", data);
        string log = scratch.NewLog();

        using (var mount = scratch.Mount(image, "d", log, "lease_linger=0"))
        {
            using (var open = File.OpenRead(mount.Resolve("/f")))
            {
                var gc = ErofsCli.Run("store", "gc", scratch.Store).EnsureSuccess();
                Assert.True(File.Exists(objectPath), gc.StdOut);
                var head = new byte[4096];
                open.ReadExactly(head);
                Assert.Equal(data.AsSpan(0, 4096).ToArray(), head);
            }
            // Closed: nothing holds it, gc may take it; the next open publishes it again.
            WaitUntil(() => ErofsCli.Run("store", "gc", scratch.Store).EnsureSuccess() is var _ && !File.Exists(objectPath));
            Assert.Equal(data, File.ReadAllBytes(mount.Resolve("/f")));
            Assert.True(File.Exists(objectPath));
        }
        Assert.Equal(2, MountCounters.FromLog(log).Published);
        ErofsCli.Run("store", "gc", scratch.Store).EnsureSuccess();
        Assert.False(File.Exists(objectPath), "after unmount gc removes the object");
    }

    [Fact]
    public void AClosedFilesLeaseLingersForItsTimeThenGcMayRemoveTheObject()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(1 << 20, 9);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = data });
        string objectPath = scratch.ObjectPath("d", data);
        var store = new ObjectStore(scratch.Store, "d");

        using var mount = scratch.Mount(image, "d", scratch.NewLog(), "lease_linger=3");
        var closed = Stopwatch.StartNew();
        Assert.Equal(data, File.ReadAllBytes(mount.Resolve("/f")));
        Assert.True(store.Gc().Removed == 0 || closed.Elapsed >= TimeSpan.FromSeconds(3), "gc removed an object whose lease lingers");

        WaitUntil(() => store.Gc().Removed == 1);
        Assert.True(closed.Elapsed >= TimeSpan.FromSeconds(3), $"the lease ended after {closed.Elapsed}, before its 3 s");
        Assert.False(File.Exists(objectPath));
        Assert.Equal(data, File.ReadAllBytes(mount.Resolve("/f")));
    }

    [Fact]
    public void WithoutPassthroughTheMountReadsThroughTheDaemonAndSaysSoOnce()
    {
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(300_000, 8);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = data });
        using var dir = Infrastructure.TempDir.Create("nopt");
        string mountPoint = dir.CreateSubdirectory("mnt");
        string log = scratch.NewLog();

        var result = ErofsCli.Run("mount", "--log=" + log, "-o", $"inode_share,backend=fuse,domain_id=d,store={scratch.Store},passthrough=off", image, mountPoint);
        try
        {
            Assert.True(result.Succeeded, result.StdErr);
            Assert.Single(result.StdErr.Split('\n'), l => l.Contains("no passthrough (passthrough=off)", StringComparison.Ordinal));
            Assert.Equal(data, File.ReadAllBytes(Path.Combine(mountPoint, "f")));
        }
        finally
        {
            ErofsCli.Run("umount", mountPoint);
        }
        var pid = DaemonMount.FindDaemon(mountPoint);
        Assert.True(pid is null || DaemonMount.WaitForExit(pid.Value, Patience.Wait));
        WaitUntil(() => File.ReadAllText(log).Contains(" ended: ", StringComparison.Ordinal));
        var counters = MountCounters.FromLog(log);
        Assert.True(counters.Reads > 0);
        Assert.Equal((0, 0), (counters.SharedFiles, counters.Hashed));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(scratch.Store, "d", "objects"), "*", SearchOption.AllDirectories));
    }

    // Page cache held by the object and both images.
    private static long Cached(string objectPath, string imageA, string imageB) =>
        SharingScratch.Resident(objectPath) + SharingScratch.Resident(imageA) + SharingScratch.Resident(imageB);

    // RELEASE reaches the daemon asynchronously after close(2).
    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            Thread.Sleep(50);
        }
    }
}
