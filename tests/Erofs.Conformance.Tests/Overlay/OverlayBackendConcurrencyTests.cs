using System.Diagnostics;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// First overlay mounts of an image of 3,000 files, interrupted or doubled: SIGKILL at pseudo-random points
/// (fixed seed) leaves either nothing mounted or the complete mount, no named file in <c>tmp/</c>, no bad
/// object and no metadata image held open, and a fresh mount then works; two mounts started together both
/// succeed and read the same objects.
/// </summary>
public sealed class OverlayBackendConcurrencyTests(ManyFilesImage image, ITestOutputHelper output) : IClassFixture<ManyFilesImage>
{
    private const int Rounds = 6;
    private const string Domain = "d";

    [Fact]
    public void SigkillAtAnyPointOfAFirstMountLeavesNoPartialMountNoDamageAndNoTempFiles()
    {
        KernelMount.RequireSupport();
        var whole = TimeOneFirstMount();
        var random = new Random(20251207);
        output.WriteLine($"a whole first mount took {whole.TotalMilliseconds:F0} ms");

        for (int round = 0; round < Rounds; round++)
        {
            string store = image.NewDirectory($"kill-store-{round}");
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * whole.TotalMilliseconds * 1.1);
            string options = OverlayStore.Options(store, Domain);
            bool killed;
            using (var mount = BackendMount.Create("ovl-kill"))
            {
                using (var started = mount.Start(image.ImagePath, options))
                {
                    Thread.Sleep(delay);
                    killed = started.Kill();
                }
                var left = OverlayStore.Names(store, Domain, "meta");
                int objects = OverlayStore.ObjectFiles(store, Domain).Count;
                bool mounted = mount.Mounted;
                output.WriteLine($"round {round}: SIGKILL after {delay.TotalMilliseconds:F0} ms ({(killed ? "running" : "had ended")}): " +
                    $"{(mounted ? "mounted" : "not mounted")}, {objects} objects, {left.Count} metadata images");

                if (mounted)
                {
                    // Killed after the overlay was moved into place (or not killed at all): the whole mount is there.
                    mount.AssertOverlayMounted(image.ImagePath);
                    image.AssertContent(mount.MountPoint);
                    Assert.Equal(0, mount.Umount().ExitCode);
                }
                else
                {
                    Assert.True(killed, "the mount ended by itself but nothing is mounted");
                    // The detached EROFS mount died with the process: no metadata image is held open.
                    if (left.Count > 0)
                        Assert.All(OverlayStore.Stats(store, Domain).MetadataImages, m => Assert.False(m.Mounted, $"{m.Name} is held open after the kill"));
                }
                Assert.Empty(OverlayStore.Names(store, Domain, "tmp"));
                var fsck = ErofsCli.Run("store", "fsck", store);
                Assert.True(fsck.Succeeded, $"store fsck after round {round} ({fsck.ExitCode}): {fsck.StdOut}{fsck.StdErr}");
                Assert.DoesNotContain("quarantined", fsck.StdOut.Replace(" 0 quarantined", "", StringComparison.Ordinal), StringComparison.Ordinal);

                Assert.False(mount.Mounted);
                mount.Mount(image.ImagePath, options);
                mount.AssertOverlay(image.ImagePath);
                image.AssertContent(mount.MountPoint);
                Assert.Equal(image.DistinctContents, OverlayStore.ObjectFiles(store, Domain).Count);
                Assert.Single(OverlayStore.Names(store, Domain, "meta"));
                Assert.Empty(OverlayStore.Names(store, Domain, "tmp"));
            }
            TempDir.DeleteTree(store);
        }
    }

    [Fact]
    public void TwoMountsOfOneImageStartedTogetherBothSucceedAndReadTheSameObjects()
    {
        KernelMount.RequireSupport();
        string store = image.NewDirectory("two-store");
        string options = OverlayStore.Options(store, Domain);
        using var first = BackendMount.Create("ovl-two");
        using var second = BackendMount.Create("ovl-two");

        using (var one = first.Start(image.ImagePath, options))
        using (var two = second.Start(image.ImagePath, options))
        {
            first.Record(one.Wait());
            second.Record(two.Wait());
        }

        first.AssertOverlay(image.ImagePath);
        second.AssertOverlay(image.ImagePath);
        string metadata = Assert.Single(OverlayStore.Names(store, Domain, "meta"));
        var listed = Assert.Single(OverlayStore.Stats(store, Domain).MetadataImages);
        Assert.Equal((metadata, true, image.DistinctContents), (listed.Name, listed.Mounted, listed.Objects));
        Assert.Equal(image.DistinctContents, OverlayStore.ObjectFiles(store, Domain).Count);
        Assert.Empty(OverlayStore.Names(store, Domain, "tmp"));
        image.AssertContent(first.MountPoint);
        image.AssertContent(second.MountPoint);

        // One object file behind both: its pages, once read through one mount, serve the other.
        string objectPath = image.ObjectPath(store, Domain, ManyFilesImage.BigFile);
        SharingScratch.DropFromCache(objectPath);
        SharingScratch.DropFromCache(image.ImagePath);
        image.AssertContent(first.MountPoint, ManyFilesImage.BigFile);
        long afterFirst = SharingScratch.Resident(objectPath) + SharingScratch.Resident(image.ImagePath);
        image.AssertContent(second.MountPoint, ManyFilesImage.BigFile);
        long afterSecond = SharingScratch.Resident(objectPath) + SharingScratch.Resident(image.ImagePath);
        long size = new FileInfo(objectPath).Length;
        Assert.True(SharingScratch.Resident(objectPath) >= size * 9 / 10, $"reading through the first mount cached only {SharingScratch.Resident(objectPath)} bytes of the object");
        Assert.True(afterSecond - afterFirst < size / 10, $"reading through the second mount added {afterSecond - afterFirst} bytes of page cache");
    }

    // One uninterrupted first mount in a store of its own: how long the kill rounds should spread over.
    private TimeSpan TimeOneFirstMount()
    {
        string store = image.NewDirectory("timing-store");
        try
        {
            using var mount = BackendMount.Create("ovl-timing");
            var clock = Stopwatch.StartNew();
            mount.Mount(image.ImagePath, OverlayStore.Options(store, Domain));
            var took = clock.Elapsed;
            mount.AssertOverlay(image.ImagePath);
            return took;
        }
        finally
        {
            TempDir.DeleteTree(store);
        }
    }
}
