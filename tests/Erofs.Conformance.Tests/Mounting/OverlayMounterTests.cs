using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Mounting;
using Erofs.Runtime.Overlay;
using MountTable = Erofs.Conformance.Tests.Infrastructure.MountTable;

namespace Erofs.Conformance.Tests.Mounting;

/// <summary>
/// <see cref="OverlayMounter.Mount"/> on the real kernel, with a hand-made metadata image over an objects
/// directory: it reads the objects' bytes with the image's sizes and modes, is read-only, shows in
/// mountinfo as ours (no nosuid/nodev/noexec), and <c>erofs umount</c> removes it, lazily when busy,
/// while still refusing other mounts. Mount points live under a TempDir, which detaches whatever is
/// left mounted there when the test ends, passed or not.
/// </summary>
public sealed class OverlayMounterTests(OverlayBackendImage image) : IClassFixture<OverlayBackendImage>
{
    [Fact]
    public void ItServesTheObjectsBytesWithTheImagesSizesAndModes()
    {
        using var dir = TempDir.Create("overlay-read");
        string mnt = Mount(dir);

        Assert.Equal(image.ToolBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Tool));
        Assert.Equal(image.NotesBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Notes));
        Assert.Equal(image.PlainBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Plain));
        Assert.Equal(image.NotesBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Link));
        Assert.Equal(image.ToolBytes.Length, new FileInfo(mnt + OverlayBackendImage.Tool).Length);
        Assert.Equal(image.NotesBytes.Length, new FileInfo(mnt + OverlayBackendImage.Notes).Length);
        Assert.Equal((UnixFileMode)0x9ED, File.GetUnixFileMode(mnt + OverlayBackendImage.Tool));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(mnt + OverlayBackendImage.Notes));
        Assert.Equal("data/notes.txt", new FileInfo(mnt + OverlayBackendImage.Link).LinkTarget);
        Assert.Equal(["bin", "data", "link"], Directory.GetFileSystemEntries(mnt).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ItIsReadOnly()
    {
        using var dir = TempDir.Create("overlay-ro");
        string mnt = Mount(dir);

        var overwrite = Assert.Throws<IOException>(() => File.WriteAllText(mnt + OverlayBackendImage.Notes, "x"));
        var create = Assert.Throws<IOException>(() => File.WriteAllText(mnt + "/data/new", "x"));

        Assert.Contains("Read-only file system", overwrite.Message, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", create.Message, StringComparison.Ordinal);
        Assert.Equal(image.NotesBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Notes));
    }

    [Fact]
    public void MountinfoShowsItAsOursWithItsEscapedSourceAndWithoutNosuid()
    {
        using var dir = TempDir.Create("overlay-mountinfo");
        string mnt = Mount(dir);

        var entry = Erofs.Mounting.MountTable.Find(mnt);
        Assert.NotNull(entry);
        Assert.Equal(("overlay", image.Source), (entry.FileSystemType, entry.Source));
        Assert.True(OverlayMounter.IsOurs(entry));
        // The kernel writes space, tab, newline and backslash as octal escapes; the reader undoes them.
        string line = File.ReadLines("/proc/self/mountinfo").Single(l => l.Split(' ')[4] == Escape(mnt));
        Assert.Contains($" - overlay {Escape(image.Source)} ", line, StringComparison.Ordinal);
        string[] options = MountTable.Find(mnt)!.Options.Split(',');
        Assert.Contains("ro", options);
        Assert.DoesNotContain("nosuid", options);
        Assert.DoesNotContain("nodev", options);
        Assert.DoesNotContain("noexec", options);
    }

    [Fact]
    public void ErofsUmountRemovesIt()
    {
        using var dir = TempDir.Create("overlay-umount");
        string mnt = Mount(dir);

        var umount = ErofsCli.Run("umount", mnt);

        Assert.Equal(0, umount.ExitCode);
        Assert.Equal("", umount.StdErr);
        Assert.False(MountTable.IsMountPoint(mnt));
    }

    [Fact]
    public void ErofsUmountDetachesABusyOneAndSaysSo()
    {
        using var dir = TempDir.Create("overlay-busy");
        string mnt = Mount(dir);
        using var held = File.OpenRead(mnt + OverlayBackendImage.Tool);

        var umount = ErofsCli.Run("umount", mnt);

        Assert.Equal(0, umount.ExitCode);
        string said = Assert.Single(umount.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"erofs umount: {mnt}: detached, but still in use by some process, so the mount goes on until the last file on it closes", said);
        Assert.False(MountTable.IsMountPoint(mnt));
        using var copy = new MemoryStream();
        held.CopyTo(copy);
        Assert.Equal(image.ToolBytes, copy.ToArray());
    }

    [Fact]
    public void ErofsUmountStillRefusesAPlainTmpfs()
    {
        using var dir = TempDir.Create("overlay-tmpfs");
        string tmpfs = dir.CreateSubdirectory("tmpfs");
        ProcessRunner.RunChecked("mount", "-t", "tmpfs", "tmpfs", tmpfs);

        var umount = ErofsCli.Run("umount", tmpfs);

        ErofsCli.AssertOneLineError(umount, $"{tmpfs}: is a tmpfs mount, not one of 'erofs mount' (fuse.erofs)");
        Assert.Equal(1, umount.ExitCode);
        Assert.True(MountTable.IsMountPoint(tmpfs));
    }

    [Fact]
    public void AMountPointOnAnOverlayIsFine()
    {
        using var dir = TempDir.Create("overlay-on-overlay");
        string lower = Mount(dir);
        string inner = lower + "/data";

        MountOn(inner);

        Assert.Equal(image.ToolBytes, File.ReadAllBytes(inner + OverlayBackendImage.Tool));
        Assert.Equal(0, ErofsCli.Run("umount", inner).ExitCode);
        Assert.Equal(image.NotesBytes, File.ReadAllBytes(lower + OverlayBackendImage.Notes));
    }

    [Fact]
    public void AnImageWhosePathIsTooLongForASourceMountsWithItsEnd()
    {
        using var dir = TempDir.Create("overlay-long");
        string deep = dir.CreateSubdirectory(string.Join('/', Enumerable.Repeat(new string('d', 100), 3)));
        string copy = Path.Combine(deep, "meta.erofs");
        File.Copy(image.ImagePath, copy);
        string mnt = dir.CreateSubdirectory("mnt");
        string source = OverlayMounter.SourceFor(copy);

        using (var imageHandle = File.OpenHandle(copy))
        using (var objects = DirectoryHandle.Open(image.Objects))
            OverlayMounter.Mount(imageHandle, objects, mnt, source);

        var entry = Erofs.Mounting.MountTable.Find(mnt);
        Assert.NotNull(entry);
        Assert.Equal(source, entry.Source);
        Assert.EndsWith("/meta.erofs", entry.Source, StringComparison.Ordinal);
        Assert.True(OverlayMounter.IsOurs(entry));
        Assert.Equal(image.NotesBytes, File.ReadAllBytes(mnt + OverlayBackendImage.Notes));
        Assert.Equal(0, ErofsCli.Run("umount", mnt).ExitCode);
    }

    [Fact]
    public void AnImageOnTmpfsIsRefusedSayingWhy()
    {
        using var dir = TempDir.Create("overlay-image-tmpfs");
        string tmpfs = dir.CreateSubdirectory("tmpfs");
        ProcessRunner.RunChecked("mount", "-t", "tmpfs", "tmpfs", tmpfs);
        string copy = Path.Combine(tmpfs, "meta.erofs");
        File.Copy(image.ImagePath, copy);
        string mnt = dir.CreateSubdirectory("mnt");

        using var imageHandle = File.OpenHandle(copy);
        using var objects = DirectoryHandle.Open(image.Objects);
        var e = Assert.Throws<IOException>(() => OverlayMounter.Mount(imageHandle, objects, mnt, OverlayMounter.SourceFor(copy)));

        Assert.StartsWith($"mount {copy} on {mnt}: the image's file system cannot back an EROFS mount", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(errno 15)", e.Message, StringComparison.Ordinal);
        Assert.False(MountTable.IsMountPoint(mnt));
    }

    // Mounts the image on DIR/"mount point" (a space in the path) and returns that path.
    private string Mount(TempDir dir)
    {
        string mnt = dir.CreateSubdirectory("mount point");
        MountOn(mnt);
        return mnt;
    }

    private void MountOn(string mountPoint)
    {
        using var imageHandle = File.OpenHandle(image.ImagePath);
        using var objects = DirectoryHandle.Open(image.Objects);
        OverlayMounter.Mount(imageHandle, objects, mountPoint, image.Source);
    }

    private static string Escape(string field) =>
        field.Replace("\\", "\\134", StringComparison.Ordinal).Replace(" ", "\\040", StringComparison.Ordinal)
            .Replace("\t", "\\011", StringComparison.Ordinal).Replace("\n", "\\012", StringComparison.Ordinal);
}
