using Erofs.Mounting;
using Erofs.Runtime.Overlay;

namespace Erofs.Tests.Runtime.Overlay;

/// <summary>What OverlayMounter decides before asking the kernel: its source, how it knows its mounts, what it refuses.</summary>
public sealed class OverlayMounterTests
{
    [Fact]
    public void TheSourceIsThePrefixAndTheAbsoluteImagePath()
    {
        Assert.Equal("erofs:/images/a b.erofs", OverlayMounter.SourceFor("/images/x/../a b.erofs"));
        Assert.Equal("erofs:" + Path.GetFullPath("rel.erofs"), OverlayMounter.SourceFor("rel.erofs"));
    }

    [Fact]
    public void ASourceTooLongForTheKernelKeepsThePathsEnd()
    {
        string path = "/" + string.Join('/', Enumerable.Repeat(new string('d', 100), 3)) + "/image-é.erofs";

        string source = OverlayMounter.SourceFor(path);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(source) <= FileSystemContext.MaxValueBytes, source);
        Assert.StartsWith("erofs:…/", source, StringComparison.Ordinal);
        Assert.EndsWith("/" + new string('d', 100) + "/image-é.erofs", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASourceOfOneHugeNameIsCutWithinIt()
    {
        string source = OverlayMounter.SourceFor("/" + new string('x', 250) + "😀.erofs");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(source) <= FileSystemContext.MaxValueBytes, source);
        Assert.StartsWith("erofs:…x", source, StringComparison.Ordinal);
        Assert.EndsWith("x😀.erofs", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("overlay", "erofs:/i.erofs", true)]
    [InlineData("overlay", "erofs:", true)]
    [InlineData("overlay", "overlay", false)]
    [InlineData("overlay", "composefs", false)]
    [InlineData("fuse.erofs", "erofs:/i.erofs", false)]
    [InlineData("erofs", "erofs:/i.erofs", false)]
    public void OursAreOverlaysWhoseSourceHasThePrefix(string type, string source, bool ours) =>
        Assert.Equal(ours, OverlayMounter.IsOurs(new MountEntry("/m", type, source, 0, 1)));

    [Fact]
    public void ASourceWithoutThePrefixIsRefused()
    {
        using var scratch = new Scratch();

        var e = Assert.Throws<ArgumentException>(() => OverlayMounter.Mount(scratch.Image, scratch.Objects, scratch.Path, "/i.erofs"));

        Assert.Contains("must start with 'erofs:'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMountPointThatIsAFileIsRefusedBeforeAnythingIsMounted()
    {
        using var scratch = new Scratch();

        var e = Assert.Throws<IOException>(() => OverlayMounter.Mount(scratch.Image, scratch.Objects, scratch.ImagePath, "erofs:/i.erofs"));

        Assert.Equal($"mount point {scratch.ImagePath}: not a directory", e.Message);
        Assert.Null(MountTable.Find(scratch.ImagePath));
    }

    [Fact]
    public void AMissingMountPointIsRefused()
    {
        using var scratch = new Scratch();
        string missing = System.IO.Path.Combine(scratch.Path, "missing");

        var e = Assert.Throws<IOException>(() => OverlayMounter.Mount(scratch.Image, scratch.Objects, missing, "erofs:/i.erofs"));

        Assert.Equal($"mount point {missing}: no such directory", e.Message);
    }

    // A directory with a file standing in for the image; enough for the checks made before any mount.
    private sealed class Scratch : IDisposable
    {
        public Scratch()
        {
            Path = Directory.CreateTempSubdirectory("erofs-overlay-").FullName;
            ImagePath = System.IO.Path.Combine(Path, "image.erofs");
            File.WriteAllBytes(ImagePath, [0]);
            Image = File.OpenHandle(ImagePath);
            Objects = DirectoryHandle.Open(Path);
        }

        public string Path { get; }

        public string ImagePath { get; }

        public Microsoft.Win32.SafeHandles.SafeFileHandle Image { get; }

        public Microsoft.Win32.SafeHandles.SafeFileHandle Objects { get; }

        public void Dispose()
        {
            Image.Dispose();
            Objects.Dispose();
            Directory.Delete(Path, recursive: true);
        }
    }
}
