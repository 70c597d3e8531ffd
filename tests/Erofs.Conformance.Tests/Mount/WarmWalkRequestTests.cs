using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Runtime;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// What a second walk of a mount (every directory listed, every file read) still asks the daemon: the
/// kernel opens files and directories itself once OPEN and OPENDIR were answered ENOSYS, so only opens
/// that need passthrough (shared files) remain.
/// </summary>
public sealed class WarmWalkRequestTests
{
    private static readonly FuseOpcode[] Counted =
    [
        FuseOpcode.Lookup, FuseOpcode.GetAttr, FuseOpcode.Open, FuseOpcode.Read, FuseOpcode.Release,
        FuseOpcode.OpenDir, FuseOpcode.ReadDir, FuseOpcode.ReadDirPlus, FuseOpcode.ReleaseDir,
    ];

    [Fact]
    public void WithoutSharingAWarmWalkSendsNoRequests()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("warm-walk");
        string mountPoint = dir.CreateSubdirectory("mnt");
        using var mount = ErofsMount.Start(corpus.ImagePath, mountPoint, new ErofsMountOptions());

        var first = TreeSnapshot.Capture(mountPoint);
        Assert.Equal(1, mount.Session.RequestCount(FuseOpcode.Open));     // answered ENOSYS: the kernel stops asking
        Assert.Equal(1, mount.Session.RequestCount(FuseOpcode.OpenDir));
        Assert.Equal(0, mount.Session.RequestCount(FuseOpcode.Release) + mount.Session.RequestCount(FuseOpcode.ReleaseDir));
        var before = Counts(mount.Session);

        var second = TreeSnapshot.Capture(mountPoint);

        Assert.Equal(first.Select(e => e.ToString()), second.Select(e => e.ToString()));
        Assert.Equal(before, Counts(mount.Session));
    }

    [Fact]
    public void WithSharingAWarmWalkSendsOnlyTheOpensOfSharedFiles()
    {
        using var scratch = new SharingScratch();
        var files = new Dictionary<string, byte[]>();
        for (int i = 0; i < 20; i++)
            files[$"/d{i % 4}/f{i}"] = SharingScratch.Random(3000 + i, 40 + i);
        string image = scratch.BuildImage("walk", files);
        string mountPoint = scratch.Combine("mnt");
        Directory.CreateDirectory(mountPoint);
        var options = new ErofsMountOptions { InodeShare = true, DomainId = "walk", Store = scratch.Store };
        using var mount = ErofsMount.Start(image, mountPoint, options);
        Assert.True(mount.FileSystem.Sharing, "passthrough sharing is on");

        TreeSnapshot.Capture(mountPoint);
        var before = Counts(mount.Session);
        TreeSnapshot.Capture(mountPoint);
        var added = Counts(mount.Session).Select((n, i) => (Counted[i], n - before[i])).Where(c => c.Item2 != 0).ToList();

        // RELEASE is sent in the background after close, so it may still be on its way.
        Assert.Contains((FuseOpcode.Open, 20L), added);
        Assert.All(added, c => Assert.Contains(c.Item1, new[] { FuseOpcode.Open, FuseOpcode.Release }));
        Assert.Equal(0, mount.Session.RequestCount(FuseOpcode.ReleaseDir));
    }

    private static long[] Counts(FuseSession session) => [.. Counted.Select(session.RequestCount)];
}
