using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// The overlay backend's lifetime rules (docs/lifetime.md) through the real CLI: a mounted metadata image
/// pins its objects against <c>erofs store gc --max-size=0</c>, which <c>store stats</c> shows; once
/// unmounted (by <c>erofs umount</c> or umount(8)) gc frees the objects and the metadata image, and a gc
/// that removes only some of an unmounted image's objects removes its metadata image too; a second
/// mount of an unchanged image finds its metadata image and publishes nothing; a copy of the mount in
/// another mount namespace pins the objects until that namespace ends.
/// </summary>
public sealed class OverlayBackendLifetimeTests
{
    // Three distinct non-empty contents (one stored twice, one of 1 MiB or more, linked at once), and an empty file.
    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["/a"] = SharingScratch.Random(300_000, 21),
        ["/dir/b"] = SharingScratch.Random(2 << 20, 22),
        ["/dir/same-as-a"] = SharingScratch.Random(300_000, 21),
        ["/small"] = "small\n"u8.ToArray(),
        ["/empty"] = [],
    };

    private const int Objects = 3;

    [Fact]
    public void GcWhileMountedKeepsEveryObjectAndAfterErofsUmountFreesTheObjectsAndTheMetadataImage() =>
        GcKeepsWhileMountedAndFreesAfter(mount =>
        {
            var umount = mount.Umount();
            Assert.True(umount.Succeeded && umount.StdErr == "", $"erofs umount ({umount.ExitCode}): {umount.StdErr}");
        });

    [Fact]
    public void GcWhileMountedKeepsEveryObjectAndAfterUmount8FreesTheObjectsAndTheMetadataImage() =>
        GcKeepsWhileMountedAndFreesAfter(mount => ProcessRunner.RunChecked("umount", mount.MountPoint));

    [Fact]
    public void ASecondMountOfTheSameImageFindsItsMetadataImageAndPublishesNothing()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        string image = scratch.BuildImage("img", Files);
        string options = OverlayStore.Options(scratch.Store, "d");
        string first = scratch.NewLog(), second = scratch.NewLog(), third = scratch.NewLog();

        using (var one = BackendMount.Overlay(image, options, first))
        {
            var objects = OverlayStore.ObjectFiles(scratch.Store, "d").ToDictionary(p => p, StoreInspection.Identity);
            using (var two = BackendMount.Overlay(image, options, second))
            {
                AssertContent(two);
                Assert.Equal(objects, OverlayStore.ObjectFiles(scratch.Store, "d").ToDictionary(p => p, StoreInspection.Identity));
            }
        }
        using (var three = BackendMount.Overlay(image, options, third))
            AssertContent(three);

        var work = OverlayStore.LoggedWork(first, image);
        Assert.Equal(new OverlayStore.MountWork(false, 4, 4, 0, 0), work with { Published = 0 });
        // Equal content in two files may be counted twice when both are written at once (the second link finds the first).
        Assert.InRange(work.Published, Objects, 4);
        Assert.True(OverlayStore.LoggedWork(second, image).Found, "a mount while the first is mounted published again");
        Assert.True(OverlayStore.LoggedWork(third, image).Found, "a mount after unmounting published again");
        Assert.Single(OverlayStore.Names(scratch.Store, "d", "meta"));
    }

    [Fact]
    public void GcThatRemovesSomeObjectsOfAnUnmountedImageRemovesItsMetadataImageAndTheNextMountRebuildsIt()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        string image = scratch.BuildImage("img", Files);
        string options = OverlayStore.Options(scratch.Store, "d");
        using (BackendMount.Overlay(image, options))
        {
        }
        long total = OverlayStore.ObjectFiles(scratch.Store, "d").Sum(f => new FileInfo(f).Length);

        var gc = ErofsCli.Run("store", "gc", scratch.Store, $"--max-size={total - 1}").EnsureSuccess().StdOut;

        Assert.DoesNotContain("removed 0 objects", gc, StringComparison.Ordinal);
        Assert.True(OverlayStore.ObjectFiles(scratch.Store, "d").Count < Objects, gc);
        Assert.Contains(" 1 metadata images removed", gc, StringComparison.Ordinal);
        Assert.Empty(OverlayStore.Names(scratch.Store, "d", "meta")); // it would point at a missing object
        string log = scratch.NewLog();
        using var again = BackendMount.Overlay(image, options, log);
        Assert.False(OverlayStore.LoggedWork(log, image).Found);
        AssertContent(again);
    }

    [Fact]
    public void ACopyOfTheMountInAnotherMountNamespacePinsTheObjectsUntilThatNamespaceEnds()
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        string image = scratch.BuildImage("img", Files);
        using var mount = BackendMount.Overlay(image, OverlayStore.Options(scratch.Store, "d"));
        using var holder = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "sleep", "600"]) { UseShellExecute = false })!;
        try
        {
            string ours = ReadLink("/proc/self/ns/mnt") ?? throw new InvalidOperationException("cannot read /proc/self/ns/mnt");
            WaitUntil(() => ReadLink($"/proc/{holder.Id}/ns/mnt") is { } ns && ns != ours && File.ReadAllText($"/proc/{holder.Id}/comm").Trim() == "sleep",
                "the holder did not get a mount namespace of its own");

            Assert.Equal(0, mount.Umount().ExitCode);
            Assert.False(mount.Mounted);

            Assert.True(Assert.Single(OverlayStore.Stats(scratch.Store, "d").MetadataImages).Mounted, "the copy in the other namespace does not pin");
            var gc = ErofsCli.Run("store", "gc", scratch.Store, "--max-size=0").EnsureSuccess().StdOut;
            Assert.Contains("removed 0 objects", gc, StringComparison.Ordinal);
            var there = ProcessRunner.RunChecked("nsenter", ["--target", holder.Id.ToString(CultureInfo.InvariantCulture), "--mount", "sha256sum", mount.Resolve("/dir/b")], Patience.Wait);
            Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(Files["/dir/b"])) + " ", there.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }

        // The namespace went with its last process, and the mount with it.
        WaitUntil(() => OverlayStore.Stats(scratch.Store, "d").MetadataImages.All(m => !m.Mounted), "the metadata image is still held open after the namespace ended");
        var freed = ErofsCli.Run("store", "gc", scratch.Store, "--max-size=0").EnsureSuccess().StdOut;
        Assert.Contains($"removed {Objects} objects", freed, StringComparison.Ordinal);
        Assert.Contains(" 1 metadata images removed", freed, StringComparison.Ordinal);
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience.Wait, failure);
            Thread.Sleep(20);
        }
    }

    private static void GcKeepsWhileMountedAndFreesAfter(Action<BackendMount> unmount)
    {
        KernelMount.RequireSupport();
        using var scratch = new SharingScratch();
        string image = scratch.BuildImage("img", Files);
        using var mount = BackendMount.Overlay(image, OverlayStore.Options(scratch.Store, "d"), scratch.NewLog());

        var stats = OverlayStore.Stats(scratch.Store, "d");
        var metadata = Assert.Single(stats.MetadataImages);
        Assert.True(metadata.Mounted, stats.Text);
        Assert.Equal(Objects, metadata.Objects);
        Assert.Equal(Objects, stats.Objects);

        var gc = ErofsCli.Run("store", "gc", scratch.Store, "--max-size=0").EnsureSuccess().StdOut;
        Assert.Contains("removed 0 objects", gc, StringComparison.Ordinal);
        Assert.Contains(" 0 metadata images removed", gc, StringComparison.Ordinal);
        var objects = OverlayStore.ObjectFiles(scratch.Store, "d");
        Assert.Equal(Objects, objects.Count);
        Assert.Equal([metadata.Name], OverlayStore.Names(scratch.Store, "d", "meta"));
        foreach (string file in objects)
            SharingScratch.DropFromCache(file);
        AssertContent(mount); // every file opened anew, read from its object

        unmount(mount);
        Assert.False(mount.Mounted, "still mounted");

        var after = Assert.Single(OverlayStore.Stats(scratch.Store, "d").MetadataImages);
        Assert.Equal((metadata.Name, false), (after.Name, after.Mounted));
        gc = ErofsCli.Run("store", "gc", scratch.Store, "--max-size=0").EnsureSuccess().StdOut;
        Assert.Contains($"removed {Objects} objects", gc, StringComparison.Ordinal);
        Assert.Contains(" 1 metadata images removed", gc, StringComparison.Ordinal);
        Assert.Empty(OverlayStore.ObjectFiles(scratch.Store, "d"));
        Assert.Empty(OverlayStore.Names(scratch.Store, "d", "meta"));
    }

    private static void AssertContent(BackendMount mount)
    {
        foreach (var (path, content) in Files)
            Assert.True(File.ReadAllBytes(mount.Resolve(path)).AsSpan().SequenceEqual(content), $"{path} read wrong bytes through {mount.MountPoint}");
    }
}
