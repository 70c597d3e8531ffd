using Erofs.Interop;

namespace Erofs.Tests.Interop;

public sealed class NodeAndLinkTests : IDisposable
{
    private const uint CharDevice = 0x2000; // S_IFCHR
    private const uint BlockDevice = 0x6000; // S_IFBLK
    private const uint Fifo = 0x1000;        // S_IFIFO
    private const uint Socket = 0xC000;      // S_IFSOCK
    private const uint Rw = 0x1A4;           // 0644

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0u, 0u, 0x0UL)]
    [InlineData(1u, 3u, 0x103UL)]
    [InlineData(300u, 70_000u, 0x11112C70UL)]
    [InlineData(0x12345u, 0x6789Au, 0x1_2000_6783_459AUL)] // values from glibc's makedev
    public void MakeDeviceMatchesGlibc(uint major, uint minor, ulong expected)
    {
        Assert.Equal(expected, NativeFile.MakeDevice(major, minor));
    }

    [Fact]
    public void MakesFifo()
    {
        var path = _dir["fifo"];
        NativeFile.MakeNode(path, Fifo | Rw, 0);
        Assert.Equal("fifo", Tool.Stat("%F", path));
    }

    [Fact]
    public void MakesSocket()
    {
        var path = _dir["sock"];
        NativeFile.MakeNode(path, Socket | Rw, 0);
        Assert.Equal("socket", Tool.Stat("%F", path));
    }

    [RootFact]
    public void MakesCharacterDevice()
    {
        var path = _dir["null"];
        NativeFile.MakeNode(path, CharDevice | Rw, NativeFile.MakeDevice(1, 3));
        Assert.Equal("character special file 1:3", Tool.Stat("%F %Hr:%Lr", path));
    }

    [RootFact]
    public void MakesBlockDeviceWithLargeNumbers()
    {
        var path = _dir["blk"];
        NativeFile.MakeNode(path, BlockDevice | Rw, NativeFile.MakeDevice(300, 70_000));
        Assert.Equal("block special file 300:70000", Tool.Stat("%F %Hr:%Lr", path));
    }

    [Fact]
    public void RefusesModesThatAreNotNodes()
    {
        Assert.Throws<ArgumentException>(() => NativeFile.MakeNode(_dir["f"], 0x8000 | Rw, 0));
        Assert.Throws<ArgumentException>(() => NativeFile.MakeNode(_dir["d"], 0x4000 | Rw, 0));
        Assert.Throws<ArgumentException>(() => NativeFile.MakeNode(_dir["l"], 0xA000 | Rw, 0));
        Assert.False(Path.Exists(_dir["f"]));
    }

    [Fact]
    public void MakeNodeOverExistingPathFails()
    {
        var path = _dir["taken"];
        File.WriteAllText(path, "x");
        var e = Assert.Throws<IOException>(() => NativeFile.MakeNode(path, Fifo | Rw, 0));
        Assert.Contains(path, e.Message);
        Assert.Contains("File exists", e.Message);
        Assert.Equal(Errno.EEXIST, e.HResult);
    }

    [Fact]
    public void CreatesHardLink()
    {
        var first = _dir["first"];
        var second = _dir["second"];
        File.WriteAllText(first, "one");
        NativeFile.CreateHardLink(first, second);
        Assert.Equal("2", Tool.Stat("%h", first));
        Assert.Equal(Tool.Stat("%i", first), Tool.Stat("%i", second));
        File.AppendAllText(second, "two");
        Assert.Equal("onetwo", File.ReadAllText(first));
    }

    [Fact]
    public void HardLinkToSymlinkLinksTheSymlink()
    {
        var link = _dir["link"];
        File.CreateSymbolicLink(link, "dangling-target");
        NativeFile.CreateHardLink(link, _dir["link2"]);
        Assert.Equal("dangling-target", new FileInfo(_dir["link2"]).LinkTarget);
    }

    [Fact]
    public void HardLinkOverExistingPathNamesBothPaths()
    {
        var first = _dir["first"];
        var second = _dir["second"];
        File.WriteAllText(first, "one");
        File.WriteAllText(second, "two");
        var e = Assert.Throws<IOException>(() => NativeFile.CreateHardLink(first, second));
        Assert.Contains(first, e.Message);
        Assert.Contains(second, e.Message);
        Assert.Contains("File exists", e.Message);
    }
}
