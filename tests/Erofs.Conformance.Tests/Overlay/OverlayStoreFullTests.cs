using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// A store that fills up during a first overlay mount: one error line, nothing mounted, no metadata image,
/// and what was published stays sound (issue: "ENOSPC or any other failure during publishing").
/// </summary>
public sealed class OverlayStoreFullTests
{
    [Fact]
    public void AFullStoreFailsTheMountWithOneLineAndLeavesNothingHalfDone()
    {
        using var scratch = new SharingScratch();
        var files = Enumerable.Range(0, 6).ToDictionary(i => $"/f{i}", i => SharingScratch.Random(700_000, i));
        string image = scratch.BuildImage("big", files);
        string small = scratch.Combine("small-fs"), mountPoint = scratch.Combine("mnt");
        Directory.CreateDirectory(small);
        Directory.CreateDirectory(mountPoint);
        ProcessRunner.RunChecked("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", small);
        try
        {
            string store = Path.Combine(small, "store");

            var result = ErofsCli.Run("mount", "-o", $"inode_share,backend=overlay,domain_id=d,store={store}", image, mountPoint);

            ErofsCli.AssertOneLineError(result, "No space left on device");
            Assert.False(MountTable.IsMountPoint(mountPoint));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store, "d", "meta")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store, "d", "tmp")));
            var fsck = ErofsCli.Run("store", "fsck", store);
            Assert.Equal(0, fsck.ExitCode);
            Assert.Contains(" 0 quarantined", fsck.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            ProcessRunner.Run("umount", "-l", small);
        }
    }
}
