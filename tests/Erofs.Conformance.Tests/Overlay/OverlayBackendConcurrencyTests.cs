using System.Diagnostics;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// First overlay mounts of an image of 2,000 files, interrupted or doubled: SIGKILL at pseudo-random points
/// (fixed seed) leaves either nothing mounted or the complete mount, no named file in <c>tmp/</c>, no bad
/// object and no metadata image held open, and a fresh mount then works; two mounts started together both
/// succeed and read the same objects; gc run again and again during a first mount removes nothing it needs.
/// </summary>
public sealed class OverlayBackendConcurrencyTests(ManyFilesImage image, ITestOutputHelper output) : IClassFixture<ManyFilesImage>
{
    private const int Rounds = 5;
    private const string Domain = "d";

    [Fact]
    public void SigkillAtAnyPointOfAFirstMountLeavesNoPartialMountNoDamageAndNoTempFiles()
    {
        KernelMount.RequireSupport();
        var whole = TimeOneFirstMount();
        var random = new Random(20251207);
        output.WriteLine($"a whole first mount took {whole.TotalMilliseconds:F0} ms");

        // The timed rounds spread over the whole mount (and past it: a mount that ended by itself is fine too);
        // the last one kills as soon as the metadata image is linked, between publishing and mounting.
        for (int round = 0; round <= Rounds; round++)
        {
            string store = image.NewDirectory($"kill-store-{round}");
            string options = OverlayStore.Options(store, Domain);
            bool timed = round < Rounds;
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * whole.TotalMilliseconds * 1.2);
            bool killed;
            var clock = Stopwatch.StartNew();
            using (var mount = BackendMount.Create("ovl-kill"))
            {
                using (var started = mount.Start(image.ImagePath, options))
                {
                    if (timed)
                        Thread.Sleep(delay);
                    else
                        WaitForMetadataImage(store, started);
                    delay = clock.Elapsed;
                    killed = started.Kill();
                }
                var left = OverlayStore.Names(store, Domain, "meta");
                int objects = OverlayStore.ObjectFiles(store, Domain).Count;
                bool mounted = mount.Mounted;
                output.WriteLine($"round {round}: SIGKILL after {delay.TotalMilliseconds:F0} ms{(timed ? "" : " (once a metadata image was linked)")} ({(killed ? "running" : "had ended")}): " +
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

    [Fact]
    public void GcRunAgainAndAgainDuringAFirstMountRemovesNothingTheMountNeeds()
    {
        KernelMount.RequireSupport();
        string store = image.NewDirectory("gc-store");
        using var mount = BackendMount.Create("ovl-gc");
        var gcs = new List<ProcessResult>();

        using (var started = mount.Start(image.ImagePath, OverlayStore.Options(store, Domain)))
        {
            while (!started.HasExited)
                gcs.Add(ErofsCli.Run("store", "gc", store, "--max-size=0"));
            mount.Record(started.Wait());
        }

        output.WriteLine($"{gcs.Count} gc runs during the mount");
        Assert.All(gcs, gc => Assert.True(gc.Succeeded, $"'{gc.CommandLine}' ({gc.ExitCode}): {gc.StdOut}{gc.StdErr}"));
        mount.AssertOverlay(image.ImagePath);
        Assert.Equal(image.DistinctContents, OverlayStore.ObjectFiles(store, Domain).Count);
        image.AssertContent(mount.MountPoint);
    }

    // Polls meta/ until a metadata image is linked there, or the mount has ended.
    private static void WaitForMetadataImage(string store, BackendMount.Started started)
    {
        var deadline = Stopwatch.StartNew();
        while (OverlayStore.Names(store, Domain, "meta").Count == 0 && !started.HasExited)
        {
            Assert.True(deadline.Elapsed < Patience.Wait, "no metadata image appeared");
            Thread.Sleep(1);
        }
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
