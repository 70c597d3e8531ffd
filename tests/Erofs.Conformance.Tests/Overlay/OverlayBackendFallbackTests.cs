using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// When the overlay backend cannot serve: an image with a character device 0/0 (which overlayfs would take
/// for a whiteout) is refused by <c>backend=overlay</c> in one line naming the entry, and served through
/// FUSE by <c>backend=auto</c>, which says why; without root, <c>backend=auto</c> tries FUSE and says so,
/// and <c>backend=overlay</c> is refused in one line naming root.
/// </summary>
public sealed class OverlayBackendFallbackTests(ITestOutputHelper output)
{
    private static readonly UnixFileMode Public = (UnixFileMode)0x1ED; // 0755

    [Fact]
    public void ACharacterDevice00IsRefusedByBackendOverlayAndServedThroughFuseByBackendAuto()
    {
        KernelMount.RequireSupport();
        using var dir = TempDir.Create("ovl-whiteout");
        string tree = dir.CreateSubdirectory("tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "file"), "hello\n");
        ProcessRunner.RunChecked("mknod", Path.Combine(tree, "sub", "gone"), "c", "0", "0");
        string image = dir.Combine("whiteout.erofs");
        ErofsCli.Run("mkfs", "--xattr-inode-digest", image, tree).EnsureSuccess();
        string store = dir.Combine("store");

        using (var refused = BackendMount.Run(image, OverlayStore.Options(store, "d", "overlay")))
        {
            ErofsCli.AssertOneLineError(refused.Result!, "/sub/gone (nid ");
            Assert.Equal(1, refused.Result!.ExitCode);
            Assert.Contains("character device 0/0", refused.Result.StdErr, StringComparison.Ordinal);
            Assert.False(refused.Mounted, "backend=overlay mounted an image it refused");
            Assert.Null(DaemonMount.FindDaemon(refused.MountPoint));
        }

        using var auto = BackendMount.Run(image, OverlayStore.Options(store, "d", "auto"));

        Assert.True(auto.Result!.Succeeded, $"'{auto.Result.CommandLine}' failed ({auto.Result.ExitCode}): {auto.Result.StdErr.Trim()}");
        string said = Assert.Single(Lines(auto.Result.StdErr));
        Assert.StartsWith("erofs mount: FUSE backend (overlayfs cannot show /sub/gone (nid ", said, StringComparison.Ordinal);
        Assert.Contains("character device 0/0", said, StringComparison.Ordinal);
        Assert.Equal("fuse.erofs", auto.Info?.FsType);
        Assert.NotNull(DaemonMount.FindDaemon(auto.MountPoint));
        var device = LibC.LStat(auto.Resolve("/sub/gone"));
        Assert.Equal((0x2000u, 0u, 0u), (device.Mode & 0xF000, device.RdevMajor, device.RdevMinor));
        Assert.Equal(["gone"], Directory.GetFileSystemEntries(auto.Resolve("/sub")).Select(Path.GetFileName));
        Assert.Equal("hello\n", File.ReadAllText(auto.Resolve("/file")));
    }

    [Fact]
    public void AStoreOnTmpfsIsRefusedByBackendOverlayNamingTheStoreAndServedThroughFuseByBackendAuto()
    {
        KernelMount.RequireSupport();
        using var dir = TempDir.Create("ovl-tmpfs-store");
        string tree = dir.CreateSubdirectory("tree");
        File.WriteAllText(Path.Combine(tree, "file"), "hello\n");
        string image = dir.Combine("img.erofs"); // on a disk file system: only the store is on tmpfs
        ErofsCli.Run("mkfs", "--xattr-inode-digest", image, tree).EnsureSuccess();
        string tmpfs = dir.CreateSubdirectory("tmpfs");
        ProcessRunner.RunChecked("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", tmpfs);
        string store = Path.Combine(tmpfs, "store");

        using (var refused = BackendMount.Run(image, OverlayStore.Options(store, "d", "overlay")))
        {
            ErofsCli.AssertOneLineError(refused.Result!, "cannot back an EROFS mount");
            Assert.Equal(1, refused.Result!.ExitCode);
            string line = refused.Result.StdErr.Trim();
            Assert.True(MountAttempt.NamesPath(line, Path.Combine(store, "d")), $"the reason does not name the store: {line}");
            Assert.DoesNotContain("keep the image", line, StringComparison.Ordinal); // the image is fine where it is
            Assert.False(refused.Mounted);
        }

        using var auto = BackendMount.Run(image, OverlayStore.Options(store, "d", "auto"));

        Assert.True(auto.Result!.Succeeded, $"'{auto.Result.CommandLine}' failed ({auto.Result.ExitCode}): {auto.Result.StdErr.Trim()}");
        string said = Assert.Single(Lines(auto.Result.StdErr));
        Assert.StartsWith("erofs mount: FUSE backend (", said, StringComparison.Ordinal);
        Assert.Contains("cannot back an EROFS mount", said, StringComparison.Ordinal);
        Assert.Equal("fuse.erofs", auto.Info?.FsType);
        Assert.Equal("hello\n", File.ReadAllText(auto.Resolve("/file")));
    }

    [Fact]
    public void WithoutRootBackendAutoTriesFuseAndSaysWhy()
    {
        using var dir = TempDir.Create("ovl-nobody");
        File.SetUnixFileMode(dir.Path, Public);
        var (image, store) = ImageAndStoreForNobody(dir);
        using var mount = BackendMount.Create("ovl-nobody-mnt");
        File.SetUnixFileMode(mount.DirectoryPath, Public);
        Nobody.Own(mount.MountPoint);

        var result = mount.Mount(image, OverlayStore.Options(store, "d", "auto"), runner: AsNobody);

        string[] lines = Lines(result.StdErr);
        Assert.True(lines.Length >= 1, $"'{result.CommandLine}' said nothing ({result.ExitCode})");
        Assert.Equal("erofs mount: FUSE backend (the overlay backend needs root (it mounts EROFS and overlayfs itself))", lines[0]);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        if (result.Succeeded)
        {
            output.WriteLine("an unprivileged FUSE mount works here: checked the mount");
            Assert.Single(lines);
            Assert.Equal("fuse.erofs", mount.Info?.FsType);
            Assert.Equal("hello\n", File.ReadAllText(mount.Resolve("/file")));
        }
        else
        {
            // Unprivileged FUSE mounts cannot work on this machine: the one reason given must come from the FUSE attempt.
            output.WriteLine($"an unprivileged FUSE mount does not work here; the command said: {lines.Last()}");
            Assert.Equal(1, result.ExitCode);
            Assert.True(lines.Length == 2, $"expected the backend line and one reason, got:\n{result.StdErr}");
            Assert.StartsWith("erofs mount: ", lines[1], StringComparison.Ordinal);
            Assert.True(MountAttempt.NamesPath(lines[1], mount.MountPoint), $"the reason does not name the mount point: {lines[1]}");
            Assert.Matches("fusermount3|/dev/fuse|FUSE", lines[1]);
            Assert.False(mount.Mounted);
            Assert.Null(DaemonMount.FindDaemon(mount.MountPoint));
        }
    }

    [Fact]
    public void WithoutRootBackendOverlayIsRefusedInOneLineNamingRoot()
    {
        using var dir = TempDir.Create("ovl-nobody");
        File.SetUnixFileMode(dir.Path, Public);
        var (image, store) = ImageAndStoreForNobody(dir);
        using var mount = BackendMount.Create("ovl-nobody-mnt");
        File.SetUnixFileMode(mount.DirectoryPath, Public);
        Nobody.Own(mount.MountPoint);

        var result = mount.Mount(image, OverlayStore.Options(store, "d", "overlay"), runner: AsNobody);

        ErofsCli.AssertOneLineError(result, "backend=overlay: the overlay backend needs root");
        Assert.Equal(1, result.ExitCode);
        Assert.False(mount.Mounted);
        Assert.Null(DaemonMount.FindDaemon(mount.MountPoint));
    }

    // An image anyone may read and a store directory of nobody's, in a directory anyone may enter.
    private static (string Image, string Store) ImageAndStoreForNobody(TempDir dir)
    {
        string tree = dir.CreateSubdirectory("tree");
        File.WriteAllText(Path.Combine(tree, "file"), "hello\n");
        string image = dir.Combine("img.erofs");
        ErofsCli.Run("mkfs", "--xattr-inode-digest", image, tree).EnsureSuccess();
        File.SetUnixFileMode(image, (UnixFileMode)0x1A4); // 0644
        string store = dir.CreateSubdirectory("store");
        Nobody.Own(store);
        return (image, store);
    }

    private static ProcessResult AsNobody(string[] command) => Nobody.Run("exec \"$@\"", command);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
