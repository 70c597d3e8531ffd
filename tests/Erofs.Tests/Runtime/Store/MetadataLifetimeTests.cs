using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Runtime.Overlay;
using Erofs.Runtime.Store;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Tests.Runtime.Store;

/// <summary>
/// The store's rules for the overlay backend's metadata images (docs/lifetime.md): an open metadata image
/// pins its objects, gc removes an unpinned one before any object it points at, and gc waits for mounts
/// being prepared.
/// </summary>
public sealed class MetadataLifetimeTests
{
    [Fact]
    public void PublishOwnStoresContentUnderItsOwnHash()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(3000, 5);

        var result = scratch.Store.PublishOwn(new MemoryStream(content));
        scratch.Store.Flush();

        Assert.Equal((PublishOutcome.Published, StoreScratch.FingerprintOf(content)), (result.Outcome, result.Actual));
        Assert.Equal(content, File.ReadAllBytes(scratch.Store.ObjectPath(result.Actual)));
        Assert.Equal(PublishOutcome.AlreadyPresent, scratch.Store.PublishOwn(new MemoryStream(content)).Outcome);
    }

    [Fact]
    public void AMetadataImageIsLinkedReadOnlyAndTheFirstOfTwoEqualNamesIsKept()
    {
        using var scratch = new StoreScratch();
        var objects = new[] { scratch.Publish(StoreScratch.Content(100, 1)) };
        byte[] first = MetadataBytes(scratch, objects), second = [.. first, .. new byte[4096]];

        using (var added = scratch.Store.AddMetadataImage("m.v1", file => RandomAccess.Write(file, first, 0)))
            Assert.Equal(first.Length, RandomAccess.GetLength(added));
        using (var again = scratch.Store.AddMetadataImage("m.v1", file => RandomAccess.Write(file, second, 0)))
            Assert.Equal(first.Length, RandomAccess.GetLength(again));

        string path = Path.Combine(scratch.Root, "test", "meta", "m.v1");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public void GcKeepsWhatAnOpenMetadataImagePointsAtAndRemovesAnUnopenedOneBeforeItsObjects()
    {
        using var scratch = new StoreScratch();
        var pinned = scratch.Publish(StoreScratch.Content(200, 2));
        var loose = scratch.Publish(StoreScratch.Content(300, 3));
        var unreferenced = scratch.Publish(StoreScratch.Content(400, 4));
        Add(scratch, "held.v1", [pinned]);
        Add(scratch, "loose.v1", [loose]);
        // Any open descriptor of the file counts, as the kernel's file-backed mount does.
        using var held = File.OpenHandle(Path.Combine(scratch.Root, "test", "meta", "held.v1"));

        var stats = scratch.Store.Stats();
        var result = scratch.Store.Gc();

        Assert.Equal([("held.v1", true, 1), ("loose.v1", false, 1)], stats.MetadataImages.Select(m => (m.Name, m.Mounted, m.Objects.Count)));
        Assert.Equal((2, 1, 1), (result.Removed, result.InUse, result.MetadataImagesRemoved));
        Assert.True(scratch.Store.Contains(pinned));
        Assert.False(scratch.Store.Contains(loose) || scratch.Store.Contains(unreferenced));
        Assert.Equal(["held.v1"], Directory.GetFiles(Path.Combine(scratch.Root, "test", "meta")).Select(Path.GetFileName));
    }

    [Fact]
    public void OnceClosedAMetadataImageNoLongerPinsAnything()
    {
        using var scratch = new StoreScratch();
        var fingerprint = scratch.Publish(StoreScratch.Content(200, 6));
        Add(scratch, "m.v1", [fingerprint]);
        using (File.OpenHandle(Path.Combine(scratch.Root, "test", "meta", "m.v1")))
            Assert.Equal(0, scratch.Store.Gc().Removed);

        var result = scratch.Store.Gc();

        Assert.Equal((1, 1), (result.Removed, result.MetadataImagesRemoved));
    }

    [Fact]
    public async Task GcWaitsForAMountBeingPrepared()
    {
        using var scratch = new StoreScratch();
        var fingerprint = scratch.Publish(StoreScratch.Content(200, 7));
        Task<GcResult> gc;
        using (scratch.Store.HoldForMount())
        {
            gc = Task.Run(() =>
            {
                using var other = new ObjectStore(scratch.Root, "test");
                return other.Gc();
            });
            // The hold is still ours: whatever the scheduler did, gc cannot have passed it.
            await Task.WhenAny(gc, Task.Delay(300));
            Assert.False(gc.IsCompleted);
            Assert.True(scratch.Store.Contains(fingerprint));
        }
        Assert.Equal(1, (await gc.WaitAsync(TimeSpan.FromSeconds(60))).Removed);
    }

    [Fact]
    public void AnUnmountedMetadataImageOfAnotherFormatIsRemoved()
    {
        using var scratch = new StoreScratch();
        var fingerprint = scratch.Publish(StoreScratch.Content(200, 8));
        Add(scratch, "m.v0", [fingerprint]);

        var result = scratch.Store.Gc(maxBytes: long.MaxValue);

        Assert.Equal((1, 0), (result.MetadataImagesRemoved, result.Removed));
    }

    private static void Add(StoreScratch scratch, string name, Fingerprint[] objects)
    {
        byte[] bytes = MetadataBytes(scratch, objects);
        scratch.Store.AddMetadataImage(name, file => RandomAccess.Write(file, bytes, 0)).Dispose();
    }

    // A small metadata image: one size-only file per object, redirected to it.
    private static byte[] MetadataBytes(StoreScratch scratch, Fingerprint[] objects)
    {
        var root = SourceNode.NewDirectory();
        for (int i = 0; i < objects.Length; i++)
        {
            var file = new SourceNode { Mode = 0x81A4, Content = new SizeOnlyContent(100) };
            file.Xattrs.Add(new SourceXattr(ObjectRedirect.MetacopyXattrName, []));
            file.Xattrs.Add(new SourceXattr(ObjectRedirect.XattrName, ObjectRedirect.Of(objects[i])));
            root.Children.Add(new SourceEntry(System.Text.Encoding.ASCII.GetBytes($"f{i}"), file));
        }
        string path = scratch.File("meta-" + Guid.NewGuid().ToString("N") + ".erofs");
        ImageBuilder.Build(root, path, new BuildOptions());
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
