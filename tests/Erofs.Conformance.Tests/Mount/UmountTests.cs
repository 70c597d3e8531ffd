using System.Globalization;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// `erofs umount` returns once the mount's daemon has exited, so the counters it logs at exit are there;
/// when an open file keeps a lazily detached mount alive it returns after its timeout with exit 0 and
/// one line naming the daemon, and it tells that daemon from a new one serving the same path.
/// </summary>
public sealed class UmountTests
{
    // Generous, so a daemon slowed down by a busy machine still ends within it (the wait ends when it does).
    private static readonly string PatientTimeout = "--timeout=" + ((int)Patience.Wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void UmountReturnsOnlyOnceTheDaemonHasExitedAndLoggedItsCounters()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("umount-log");
        string log = dir.Combine("daemon.log");
        using var mount = DaemonMount.Start(corpus.ImagePath, [], log);
        var file = corpus.LoadManifest().Entries.First(e => e.Type == FileType.Regular && e.Size > 0);
        Assert.Equal(file.Sha256, TreeSnapshot.HashFile(mount.Resolve(file.Path)));

        var umount = ErofsCli.Run("umount", PatientTimeout, mount.MountPoint);

        Assert.Equal(0, umount.ExitCode);
        Assert.Equal("", umount.StdErr);
        Assert.False(DaemonMount.IsAlive(mount.DaemonPid), "umount returned while its daemon was still running");
        Assert.False(MountTable.IsMountPoint(mount.MountPoint));
        string last = File.ReadAllLines(log)[^1];
        Assert.StartsWith($"erofs mount[{mount.DaemonPid}]: ", last, StringComparison.Ordinal);
        Assert.Contains(" ended: reads ", last, StringComparison.Ordinal);
        Assert.True(MountCounters.FromLog(log).Reads > 0);
    }

    [Fact]
    public void AFileHeldOpenKeepsTheDetachedDaemonAndUmountSaysSoAfterItsTimeout()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("umount-busy");
        string log = dir.Combine("daemon.log");
        using var mount = DaemonMount.Start(corpus.ImagePath, [], log);
        var file = corpus.LoadManifest().Entries.First(e => e.Type == FileType.Regular && e.Size > 0);
        using (var held = File.OpenRead(mount.Resolve(file.Path)))
        {
            var umount = ErofsCli.Run("umount", "--timeout=1", mount.MountPoint);

            Assert.Equal(0, umount.ExitCode);
            string line = Assert.Single(umount.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"{mount.MountPoint}: detached, but still in use by some process", line, StringComparison.Ordinal);
            Assert.Contains($"(pid {mount.DaemonPid}) goes on until the last file on it closes", line, StringComparison.Ordinal);
            Assert.False(MountTable.IsMountPoint(mount.MountPoint));
            Assert.True(DaemonMount.IsAlive(mount.DaemonPid));
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(held)));
        }
        Assert.True(DaemonMount.WaitForExit(mount.DaemonPid, Patience.Wait), "the daemon outlived the last open file of its detached mount");
        Assert.True(MountCounters.FromLog(log).Reads > 0);
    }

    [Fact]
    public void UmountWaitsForTheDaemonOfTheMountNotForAnEarlierOneOfTheSamePath()
    {
        var corpus = CorpusImages.Get("plain");
        var file = corpus.LoadManifest().Entries.First(e => e.Type == FileType.Regular && e.Size > 0);
        using var first = DaemonMount.Start(corpus.ImagePath, []);
        using var held = File.OpenRead(first.Resolve(file.Path));
        Assert.Equal(0, ErofsCli.Run("umount", "--timeout=0", first.MountPoint).ExitCode);
        var again = ErofsCli.Run("mount", corpus.ImagePath, first.MountPoint);
        Assert.True(again.Succeeded, again.StdErr);
        int second = DaemonMount.FindDaemons(first.MountPoint).Single(pid => pid != first.DaemonPid);

        var umount = ErofsCli.Run("umount", PatientTimeout, first.MountPoint);

        Assert.Equal(0, umount.ExitCode);
        Assert.Equal("", umount.StdErr);
        Assert.False(DaemonMount.IsAlive(second), "umount returned while the daemon of the mount was still running");
        Assert.True(DaemonMount.IsAlive(first.DaemonPid));
    }

    [Theory]
    [InlineData("--timeout=-1")]
    [InlineData("--timeout=ten")]
    [InlineData("--timeout=86401")]
    public void ABadTimeoutIsAUsageError(string option)
    {
        using var dir = TempDir.Create("umount-usage");

        var result = ErofsCli.Run("umount", option, dir.Path);

        ErofsCli.AssertOneLineError(result, "expected whole seconds from 0 to 86400");
        Assert.Equal(2, result.ExitCode);
    }
}
