using System.Text.Json;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>
/// The NativeAOT `erofs` (published by test.sh into artifacts/aot) works like the JIT build:
/// trimming and AOT must not break parsing, interop, JSON or extraction.
/// </summary>
public sealed class AotBinaryTests
{
    private static string Binary => AotBinary.Path;

    [Fact]
    public void ChecksAndVerifiesFingerprints()
    {
        var r = ProcessRunner.Run(Binary, "fsck", "--xattr-inode-digest", CorpusImages.Get("fingerprint").ImagePath);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no errors found", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractsExactlyAsTheKernelShows()
    {
        var corpus = CorpusImages.Get("blobdev");
        using var dir = TempDir.Create("aot-extract");
        string target = dir.Combine("tree");
        var r = ProcessRunner.Run(Binary, "extract", "--device=" + corpus.BlobPath, corpus.ImagePath, target);
        Assert.Equal(0, r.ExitCode);
        TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), target), "AOT extract");
    }

    [Fact]
    public void MountsInTheBackgroundAndUnmounts()
    {
        var corpus = CorpusImages.Get("metabox-lz4");
        using var dir = TempDir.Create("aot-mount");
        string mountPoint = dir.CreateSubdirectory("mnt");
        try
        {
            var mount = ProcessRunner.Run(Binary, "mount", corpus.ImagePath, mountPoint);
            Assert.True(mount.Succeeded, mount.StdErr);
            int pid = Mount.DaemonMount.FindDaemon(mountPoint) ?? throw new InvalidOperationException("no daemon");
            TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), mountPoint), "AOT mount");

            var umount = ProcessRunner.Run(Binary, "umount", mountPoint);

            Assert.True(umount.Succeeded, umount.StdErr);
            Assert.True(Mount.DaemonMount.WaitForExit(pid, Patience.Wait), "the AOT daemon outlived its mount");
        }
        finally
        {
            if (MountTable.IsMountPoint(mountPoint))
                LibC.Unmount(mountPoint, LibC.MntDetach);
        }
    }

    [Fact]
    public void WritesJsonAndOneLineErrors()
    {
        var r = ProcessRunner.Run(Binary, "dump", "-S", "--json", CorpusImages.Get("plain").ImagePath);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("statistics").ValueKind);
        var bad = ProcessRunner.Run(Binary, "fsck", "--device");
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
