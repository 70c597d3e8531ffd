using System.Security.Cryptography;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// Sharing through <c>erofs mount -o inode_share,backend=overlay</c>: equal content in two images of one
/// domain is one object, whose page cache both mounts read (measured with fincore after the object's pages
/// were dropped); another domain has its own object; a FUSE mount and an overlay mount in one domain read
/// the same object file; a lying image reads its own bytes and the honest one its own, whichever is
/// mounted first, and the lie is reported and counted.
/// </summary>
public sealed class OverlayBackendSharingTests(ITestOutputHelper output)
{
    private const int Big = 16 << 20;

    [Fact]
    public void EqualContentInTwoImagesOfOneDomainIsOneObjectWhosePagesBothMountsRead()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        var big = SharingScratch.Random(Big, 11);
        string a = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/big"] = big, ["/a.txt"] = "a"u8.ToArray() });
        string b = scratch.BuildImage("b", new Dictionary<string, byte[]> { ["/lib/other-name"] = big, ["/b.txt"] = "bb"u8.ToArray() },
            owner: 1234, mtime: new DateTime(2011, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        string logA = scratch.NewLog(), logB = scratch.NewLog();
        string objectPath = scratch.ObjectPath("d", big);

        using var mountA = BackendMount.Overlay(a, OverlayStore.Options(scratch.Store, "d"), logA);
        using var mountB = BackendMount.Overlay(b, OverlayStore.Options(scratch.Store, "d"), logB);

        Assert.Equal(new OverlayStore.MountWork(false, 2, 2, 2, 0), OverlayStore.LoggedWork(logA, a));
        Assert.Equal(new OverlayStore.MountWork(false, 2, 2, 1, 0), OverlayStore.LoggedWork(logB, b)); // the big one existed
        Assert.Equal(3, OverlayStore.ObjectFiles(scratch.Store, "d").Count);
        Assert.Equal(1234u, LibC.LStat(mountB.Resolve("/lib/other-name")).Uid); // each mount keeps its own metadata
        Assert.Equal(0u, LibC.LStat(mountA.Resolve("/big")).Uid);

        foreach (string file in new[] { objectPath, a, b })
            SharingScratch.DropFromCache(file);
        Assert.True(SharingScratch.Resident(objectPath) < Big / 10, "the object's pages were not dropped");

        Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(mountB.Resolve("/lib/other-name")));
        long objectAfterB = SharingScratch.Resident(objectPath);
        long imageB = SharingScratch.Resident(b);
        long afterB = Cached(objectPath, a, b);
        Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(mountA.Resolve("/big")));
        long afterA = Cached(objectPath, a, b);
        output.WriteLine($"object resident after reading through B: {objectAfterB >> 10} KiB; image B: {imageB >> 10} KiB; reading through A added {(afterA - afterB) >> 10} KiB");

        Assert.True(objectAfterB >= Big * 9L / 10, $"reading through B cached only {objectAfterB} bytes of the object");
        Assert.True(imageB < Big / 10, $"reading through B cached {imageB} bytes of image B itself");
        Assert.True(afterA - afterB < Big / 10, $"reading the same content through A added {afterA - afterB} bytes of page cache");
    }

    [Fact]
    public void EachDomainHasItsOwnObjectAndReadsOnlyThat()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        var data = SharingScratch.Random(Big / 2, 12);
        string a = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/data"] = data });
        string b = scratch.BuildImage("b", new Dictionary<string, byte[]> { ["/x/data"] = data }, owner: 7);
        string one = scratch.ObjectPath("one", data), two = scratch.ObjectPath("two", data);

        using var mountOne = BackendMount.Overlay(a, OverlayStore.Options(scratch.Store, "one"));
        using var mountTwo = BackendMount.Overlay(b, OverlayStore.Options(scratch.Store, "two"));

        Assert.Single(OverlayStore.ObjectFiles(scratch.Store, "one"));
        Assert.Single(OverlayStore.ObjectFiles(scratch.Store, "two"));
        Assert.NotEqual(StoreInspection.Identity(one), StoreInspection.Identity(two));
        foreach (string file in new[] { one, two, a, b })
            SharingScratch.DropFromCache(file);

        Assert.Equal(data, File.ReadAllBytes(mountTwo.Resolve("/x/data")));
        long oneAfterTwo = SharingScratch.Resident(one), twoAfterTwo = SharingScratch.Resident(two);
        Assert.Equal(data, File.ReadAllBytes(mountOne.Resolve("/data")));
        long oneAfterOne = SharingScratch.Resident(one);
        output.WriteLine($"after reading in domain two: one {oneAfterTwo >> 10} KiB, two {twoAfterTwo >> 10} KiB; after domain one: one {oneAfterOne >> 10} KiB");

        Assert.True(twoAfterTwo >= data.Length * 9L / 10, $"domain two's read cached only {twoAfterTwo} bytes of its object");
        Assert.True(oneAfterTwo < data.Length / 10, $"domain two's read cached {oneAfterTwo} bytes of domain one's object");
        Assert.True(oneAfterOne >= data.Length * 9L / 10, $"domain one's read cached only {oneAfterOne} bytes of its object");
    }

    [Fact]
    public void AFuseMountAndAnOverlayMountInOneDomainReadTheSameObjectFile()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        var big = SharingScratch.Random(Big, 13);
        string a = scratch.BuildImage("a", new Dictionary<string, byte[]> { ["/big"] = big });
        string b = scratch.BuildImage("b", new Dictionary<string, byte[]> { ["/lib/other-name"] = big }, owner: 1234);
        string objectPath = scratch.ObjectPath("d", big);
        string fuseLog = scratch.NewLog(), overlayLog = scratch.NewLog();

        using (var fuse = scratch.Mount(b, "d", fuseLog)) // backend=fuse: a daemon, passthrough to the object
        {
            Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(fuse.Resolve("/lib/other-name"))); // publishes the object
            using var overlay = BackendMount.Overlay(a, OverlayStore.Options(scratch.Store, "d"), overlayLog);
            Assert.Equal(new OverlayStore.MountWork(false, 1, 1, 0, 0), OverlayStore.LoggedWork(overlayLog, a)); // verified, not republished
            Assert.Single(OverlayStore.ObjectFiles(scratch.Store, "d"));
            foreach (string file in new[] { objectPath, a, b })
                SharingScratch.DropFromCache(file);

            Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(overlay.Resolve("/big")));
            long objectAfterOverlay = SharingScratch.Resident(objectPath);
            long afterOverlay = Cached(objectPath, a, b);
            Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(fuse.Resolve("/lib/other-name")));
            long afterFuse = Cached(objectPath, a, b);
            output.WriteLine($"object resident after the overlay read: {objectAfterOverlay >> 10} KiB; the FUSE read added {(afterFuse - afterOverlay) >> 10} KiB");

            Assert.True(objectAfterOverlay >= Big * 9L / 10, $"the overlay read cached only {objectAfterOverlay} bytes of the object");
            Assert.True(afterFuse - afterOverlay < Big / 10, $"the FUSE read of the same content added {afterFuse - afterOverlay} bytes of page cache");
        }
        var counters = MountCounters.FromLog(fuseLog);
        Assert.Equal((0, 1), (counters.Reads, counters.Published)); // the daemon read nothing itself: passthrough to the object
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALyingImageReadsItsOwnBytesAndTheHonestOneItsOwnInEitherOrder(bool liarFirst)
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        var honest = SharingScratch.Random(1 << 20, 3);
        var other = SharingScratch.Random(1 << 20, 4);
        string good = scratch.BuildImage("good", new Dictionary<string, byte[]> { ["/lib.so"] = honest });
        string liar = scratch.BuildImage("liar", new Dictionary<string, byte[]> { ["/lib.so"] = honest }, owner: 99);
        SharingScratch.Falsify(liar, "/lib.so", other); // claims sha256(honest), holds other
        string liarLog = scratch.NewLog(), goodLog = scratch.NewLog();
        string options = OverlayStore.Options(scratch.Store, "d");

        using var first = liarFirst ? BackendMount.Overlay(liar, options, liarLog) : BackendMount.Overlay(good, options, goodLog);
        using var second = liarFirst ? BackendMount.Overlay(good, options, goodLog) : BackendMount.Overlay(liar, options, liarLog);
        var (lying, honestMount) = liarFirst ? (first, second) : (second, first);

        Assert.Equal(other, File.ReadAllBytes(lying.Resolve("/lib.so")));
        Assert.Equal(honest, File.ReadAllBytes(honestMount.Resolve("/lib.so")));
        Assert.Equal(other, File.ReadAllBytes(lying.Resolve("/lib.so")));
        StoreInspection.AssertGoodObject(scratch.ObjectPath("d", honest), honest);
        StoreInspection.AssertGoodObject(scratch.ObjectPath("d", other), other);
        Assert.Equal(2, OverlayStore.ObjectFiles(scratch.Store, "d").Count);

        // Reported where the user looks, naming the image and the file; counted by the mount and by store stats.
        string said = Assert.Single(Lines(lying.Result!.StdErr), l => l.Contains("does not match its fingerprint", StringComparison.Ordinal));
        string logged = Assert.Single(File.ReadAllLines(liarLog), l => l.Contains("does not match its fingerprint", StringComparison.Ordinal));
        foreach (string line in new[] { said, logged })
        {
            Assert.True(MountAttempt.NamesPath(line, liar), $"the mismatch line does not name the image {liar}: {line}");
            Assert.Contains("(/lib.so)", line, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("does not match", honestMount.Result!.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, OverlayStore.LoggedWork(liarLog, liar).Mismatches);
        Assert.Equal(0, OverlayStore.LoggedWork(goodLog, good).Mismatches);
        Assert.Equal(1, OverlayStore.Stats(scratch.Store, "d").Mismatches);
    }

    // Page cache held by the object and both images.
    private static long Cached(string objectPath, string imageA, string imageB) =>
        SharingScratch.Resident(objectPath) + SharingScratch.Resident(imageA) + SharingScratch.Resident(imageB);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
