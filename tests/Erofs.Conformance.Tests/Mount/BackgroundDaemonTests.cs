using System.Diagnostics;
using System.Globalization;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// `erofs mount` returns once the mount is ready and leaves a detached daemon; `erofs umount` ends
/// it; -f serves in the foreground until a signal; failures are one line and leave nothing mounted;
/// a daemon killed with SIGKILL leaves a dead mount that `erofs umount` clears.
/// </summary>
public sealed class BackgroundDaemonTests
{
    [Fact]
    public void MountReturnsWithALiveDetachedDaemonThatUmountEnds()
    {
        var corpus = CorpusImages.Get("plain");
        var mount = DaemonMount.Start(corpus);
        int pid = mount.DaemonPid;
        try
        {
            Assert.True(DaemonMount.IsAlive(pid));
            Assert.NotEqual(Environment.ProcessId, ParentOf(pid));
            Assert.Equal(SessionOf(pid), pid); // setsid: the daemon leads its own session
            var file = corpus.LoadManifest().Entries.First(e => e.Type == FileType.Regular && e.Size > 0);
            Assert.Equal(file.Sha256, TreeSnapshot.HashFile(mount.Resolve(file.Path)));

            var umount = ErofsCli.Run("umount", mount.MountPoint);

            Assert.True(umount.Succeeded, umount.StdErr);
            Assert.False(MountTable.IsMountPoint(mount.MountPoint));
            Assert.True(DaemonMount.WaitForExit(pid, Patience.Wait), "the daemon outlived its mount");
        }
        finally
        {
            mount.Dispose();
        }
    }

    [Fact]
    public async Task ForegroundMountServesUntilSigterm()
    {
        var corpus = CorpusImages.Get("lz4");
        using var dir = TempDir.Create("fg");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "erofs.dll"), "mount", "-f", corpus.ImagePath, mountPoint })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            string? line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("FUSE 7.", line, StringComparison.Ordinal);
            Assert.True(MountTable.IsMountPoint(mountPoint));
            TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), mountPoint), "foreground mount");

            ProcessRunner.RunChecked("kill", "-TERM", process.Id.ToString(CultureInfo.InvariantCulture));

            Assert.True(process.WaitForExit(Patience.Wait), "erofs mount -f ignored SIGTERM");
            Assert.Equal(0, process.ExitCode);
            Assert.False(MountTable.IsMountPoint(mountPoint));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
            if (MountTable.IsMountPoint(mountPoint))
                LibC.Unmount(mountPoint, LibC.MntDetach);
        }
    }

    [Fact]
    public void KilledDaemonLeavesADeadMountThatUmountClears()
    {
        var corpus = CorpusImages.Get("plain");
        var mount = DaemonMount.Start(corpus);
        try
        {
            Process.GetProcessById(mount.DaemonPid).Kill();
            Assert.True(DaemonMount.WaitForExit(mount.DaemonPid, Patience.Wait));
            var dead = Assert.ThrowsAny<IOException>(() => Directory.GetFileSystemEntries(mount.MountPoint));
            // What the kernel may answer on a connection whose daemon died: ENOTCONN once it is marked dead,
            // ECONNABORTED or EIO for a request it had queued or sent when the connection went (seen on a busy machine).
            Assert.True(DeadConnectionErrors.Any(e => dead.Message.Contains(e, StringComparison.Ordinal)), dead.Message);

            var umount = ErofsCli.Run("umount", mount.MountPoint);

            Assert.True(umount.Succeeded, umount.StdErr);
            Assert.Equal("", umount.StdErr); // no daemon to wait for
            Assert.False(MountTable.IsMountPoint(mount.MountPoint));
            using var again = DaemonMount.Start(corpus);
            Assert.Equal(corpus.LoadManifest().Entries.Count(e => e.Path != "/" && e.Path.Count(c => c == '/') == 1), Directory.GetFileSystemEntries(again.MountPoint).Length);
        }
        finally
        {
            mount.Dispose();
        }
    }

    private static readonly string[] DeadConnectionErrors = ["not connected", "connection abort", "Input/output error"];

    public static TheoryData<string, string, int> Failures => new()
    {
        { "-o bogus", "unknown mount option 'bogus'", 2 },
        { "-o inode_share", "needs 'domain_id=NAME'", 2 },
        { "-o domain_id=..", "is invalid", 2 },
        { "-o store=/tmp/x", "'store' needs 'inode_share'", 2 },
        { "-o inode_share,domain_id=d1,store=OPEN", "is writable by group or others", 1 },
        { "GARBAGE", "corrupted image", 1 },
        { "NOMOUNTPOINT", "not a directory", 1 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailuresAreOneLineAndLeaveNothingMounted(string what, string message, int exitCode)
    {
        using var dir = TempDir.Create("mount-fail");
        string mountPoint = dir.CreateSubdirectory("mnt");
        string image = CorpusImages.Get("plain").ImagePath;
        var args = new List<string> { "mount" };
        if (what == "GARBAGE")
        {
            image = dir.Combine("zeros.erofs");
            File.WriteAllBytes(image, new byte[1 << 16]);
        }
        else if (what == "NOMOUNTPOINT")
        {
            mountPoint = dir.Combine("missing");
        }
        else
        {
            // OPEN: a store directory anyone may write to, which sharing refuses.
            string open = dir.CreateSubdirectory("open");
            File.SetUnixFileMode(open, (UnixFileMode)0x1FF);
            args.AddRange(what.Replace("OPEN", open, StringComparison.Ordinal).Split(' '));
        }

        var result = ErofsCli.Run([.. args, image, mountPoint]);

        ErofsCli.AssertOneLineError(result, message);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Empty(MountTable.MountPointsUnder(dir.Path));
        Assert.Null(DaemonMount.FindDaemon(mountPoint));
    }

    [Fact]
    public void UmountRefusesWhatIsNotOurs()
    {
        using var kernel = KernelMount.Mount(CorpusImages.Get("plain"), KernelMountMode.FileBacked);
        using var dir = TempDir.Create("umount");

        ErofsCli.AssertOneLineError(ErofsCli.Run("umount", kernel.MountPoint), "not one of 'erofs mount'");
        ErofsCli.AssertOneLineError(ErofsCli.Run("umount", dir.Path), "nothing is mounted there");
        Assert.True(MountTable.IsMountPoint(kernel.MountPoint));
    }

    private static int ParentOf(int pid) => StatField(pid, 1);

    private static int SessionOf(int pid) => StatField(pid, 3);

    // Fields after "(comm) ": state, ppid, pgrp, session, ...
    private static int StatField(int pid, int index)
    {
        string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index], CultureInfo.InvariantCulture);
    }
}
