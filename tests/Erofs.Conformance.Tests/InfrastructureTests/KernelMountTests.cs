using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

/// <summary>The kernel oracle and the manifest reader agree, and mounts clean up after themselves.</summary>
public sealed class KernelMountTests
{
    [Theory]
    [InlineData(KernelMountMode.Loop)]
    [InlineData(KernelMountMode.FileBacked)]
    public void PlainMountMatchesItsManifest(KernelMountMode mode)
    {
        var image = CorpusImages.Get("plain");
        var manifest = image.LoadManifest();

        using var mount = KernelMount.Mount(image, mode);
        var differences = TreeComparer.CompareToManifest(manifest, mount.MountPoint);

        TreeComparer.AssertNoDifferences(differences, mount.ToString());
        Assert.Equal(3200, TreeSnapshot.Capture(mount.MountPoint, hashContent: false).Count);
    }

    [Theory]
    [InlineData("blobdev", KernelMountMode.Loop)]
    [InlineData("blobdev", KernelMountMode.FileBacked)]
    [InlineData("tar-index", KernelMountMode.Loop)]
    [InlineData("tar-index", KernelMountMode.FileBacked)]
    public void ImageWithExtraDeviceMatchesItsManifest(string name, KernelMountMode mode)
    {
        var image = CorpusImages.Get(name);

        using var mount = KernelMount.Mount(image, mode);
        var differences = TreeComparer.CompareToManifest(image.LoadManifest(), mount.MountPoint);

        TreeComparer.AssertNoDifferences(differences, mount.ToString());
        Assert.Equal(mode == KernelMountMode.Loop ? 1 : 0, mount.LoopDevices.Count);
    }

    [Fact]
    public void DisposeUnmountsDetachesAndRemoves()
    {
        var mount = KernelMount.Mount(CorpusImages.Get("blobdev"));
        var mountPoint = mount.MountPoint;
        var imageLoop = MountTable.Find(mountPoint)!.Source;
        var blobLoop = Assert.Single(mount.LoopDevices);
        Assert.StartsWith("/dev/loop", imageLoop, StringComparison.Ordinal);
        Assert.True(IsAttached(blobLoop));

        mount.Dispose();
        mount.Dispose(); // idempotent

        Assert.False(MountTable.IsMountPoint(mountPoint));
        Assert.False(Directory.Exists(mountPoint));
        Assert.True(WaitDetached(blobLoop), $"{blobLoop} is still attached");
        Assert.True(WaitDetached(imageLoop), $"{imageLoop} is still attached");
    }

    [Fact]
    public void BusyMountIsDetachedLazily()
    {
        var mount = KernelMount.Mount(RepoPaths.CorpusFile("plain.erofs"));
        var mountPoint = mount.MountPoint;
        var file = Directory.EnumerateFiles(mount.Resolve("/big")).First();
        using var open = File.OpenRead(file);

        mount.Dispose();

        Assert.False(MountTable.IsMountPoint(mountPoint));
        Assert.False(Directory.Exists(mountPoint));
        Assert.True(open.ReadByte() >= 0, "an open file stays readable after a lazy unmount");
    }

    [Fact]
    public void GarbageImageFailsWithAClearMessage()
    {
        using var dir = TempDir.Create("garbage");
        var image = dir.Combine("zeros.erofs");
        File.WriteAllBytes(image, new byte[1 << 20]);

        var ex = Assert.Throws<InvalidOperationException>(() => KernelMount.Mount(image));

        Assert.Contains("mount", ex.Message, StringComparison.Ordinal);
        Assert.Empty(MountTable.MountPointsUnder(dir.Path));
    }

    [Fact]
    public void MissingImageThrows()
    {
        Assert.Throws<FileNotFoundException>(() => KernelMount.Mount("/nonexistent/image.erofs"));
    }

    private static bool IsAttached(string loopDevice) =>
        File.Exists($"/sys/block/{Path.GetFileName(loopDevice)}/loop/backing_file");

    private static bool WaitDetached(string loopDevice)
    {
        for (var i = 0; i < 50 && IsAttached(loopDevice); i++)
        {
            Thread.Sleep(100);
        }

        return !IsAttached(loopDevice);
    }
}
