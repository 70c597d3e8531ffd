using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Mounting;
using MountTable = Erofs.Conformance.Tests.Infrastructure.MountTable;

namespace Erofs.Conformance.Tests.Mounting;

/// <summary>
/// The new mount API on the real kernel: a detached file-backed EROFS mount moved onto a directory shows
/// what <c>mount -t erofs</c> shows; a detached mount that is closed, or whose process is killed, before
/// move_mount leaves nothing (seen through a bind mount holding the image: the kernel's file of the image
/// keeps it busy exactly as long as the EROFS superblock lives); the overlay backend's probe says yes here.
/// </summary>
public sealed class DetachedMountTests
{
    private const int EBUSY = 16;

    [Theory]
    [InlineData("plain")]
    [InlineData("lz4hc")]
    [InlineData("chunked")]
    public void ADetachedMountMovedOntoADirectoryListsAsMountTErofsDoes(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var kernel = KernelMount.Mount(corpus);
        using var dir = TempDir.Create("detached");
        string mountPoint = dir.CreateSubdirectory("mnt");

        using (var mount = MountErofs(corpus.ImagePath))
            mount.MoveTo(mountPoint);

        Assert.Equal("erofs", MountTable.Find(mountPoint)?.FsType);
        var differences = TreeComparer.Compare(TreeSnapshot.Capture(kernel.MountPoint), TreeSnapshot.Capture(mountPoint));
        TreeComparer.AssertNoDifferences(differences, $"{name}: mount -t erofs vs a detached mount moved into place");
    }

    [Fact]
    public void ADetachedMountClosedBeforeMoveToLeavesNothing()
    {
        using var dir = TempDir.Create("detached-close");
        string bind = BindMountedImage(dir, out string image);

        var mount = MountErofs(image);
        try
        {
            Assert.Equal(EBUSY, LibC.Unmount(bind, 0));
        }
        finally
        {
            mount.Dispose();
        }

        Assert.True(Eventually(() => LibC.Unmount(bind, 0) == 0), "the EROFS superblock outlived its closed detached mount");
    }

    [Fact]
    public void AProcessKilledBeforeMoveMountLeavesNothing()
    {
        using var dir = TempDir.Create("detached-kill");
        string bind = BindMountedImage(dir, out string image);
        string objects = dir.CreateSubdirectory("objects");

        using (var helper = DetachedMountHolder.Start(image, objects))
        {
            try
            {
                Assert.Equal(EBUSY, LibC.Unmount(bind, 0));
            }
            finally
            {
                helper.Kill();
                helper.WaitForExit();
            }
        }

        Assert.True(Eventually(() => LibC.Unmount(bind, 0) == 0), "the mounts of a killed process outlived it");
        Assert.DoesNotContain(MountTable.Read(), m => m.Source.Contains(image, StringComparison.Ordinal));
    }

    [Fact]
    public void MovingOntoAFileSaysItIsNotADirectory()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("detached-file");
        string file = dir.Combine("file");
        File.WriteAllText(file, "x");
        using var mount = MountErofs(corpus.ImagePath);

        var e = Assert.Throws<IOException>(() => mount.MoveTo(file));

        Assert.Equal($"move_mount erofs onto {file}: not a directory: Invalid argument (errno 22)", e.Message);
        Assert.False(mount.IsAttached);
    }

    [Fact]
    public void TheProbeSaysThisKernelCanMountTheOverlayBackend() => Assert.Null(MountSupport.OverlayBackendProblem());

    private static DetachedMount MountErofs(string image)
    {
        using var handle = File.OpenHandle(image);
        using var erofs = FileSystemContext.Open("erofs");
        erofs.SetString("source", $"/proc/self/fd/{handle.DangerousGetHandle()}");
        erofs.SetFlag("ro");
        erofs.Create();
        return erofs.Mount(MountAttributes.ReadOnly);
    }

    // A copy of a corpus image reached through a bind mount of its directory (under dir, so cleaned up with it).
    private static string BindMountedImage(TempDir dir, out string image)
    {
        string source = dir.CreateSubdirectory("source");
        string bind = dir.CreateSubdirectory("bind");
        File.Copy(CorpusImages.Get("plain").ImagePath, Path.Combine(source, "plain.erofs"));
        ProcessRunner.RunChecked("mount", "--bind", source, bind);
        image = Path.Combine(bind, "plain.erofs");
        return bind;
    }

    private static bool Eventually(Func<bool> condition)
    {
        long deadline = Environment.TickCount64 + (long)Patience.Wait.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
