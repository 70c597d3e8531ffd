using Erofs.Interop;

namespace Erofs.Tests.Interop;

public sealed class OwnerAndModeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void IsRootMatchesId()
    {
        Assert.Equal(Tool.Run("id", "-u") == "0", NativeFile.IsRoot);
    }

    [RootFact]
    public void SetOwnerChangesFile()
    {
        var file = _dir.NewFile("f");
        NativeFile.SetOwner(file, 1234, 5678);
        Assert.Equal("1234:5678", Tool.Stat("%u:%g", file));
    }

    [RootFact]
    public void SetOwnerChangesSymlinkNotTarget()
    {
        var target = _dir.NewFile("target");
        var link = _dir["link"];
        File.CreateSymbolicLink(link, target);
        var targetOwner = Tool.Stat("%u:%g", target);
        NativeFile.SetOwner(link, 4000, 4001);
        Assert.Equal("4000:4001", Tool.Stat("%u:%g", link));
        Assert.Equal(targetOwner, Tool.Stat("%u:%g", target));
    }

    [RootFact]
    public void SetOwnerWithMaxValueKeepsThatId()
    {
        var file = _dir.NewFile("f");
        NativeFile.SetOwner(file, 10, 20);
        NativeFile.SetOwner(file, uint.MaxValue, 30);
        Assert.Equal("10:30", Tool.Stat("%u:%g", file));
    }

    [Fact]
    public void SetOwnerOnMissingPathNamesPathAndError()
    {
        var missing = _dir["missing"];
        var e = Assert.Throws<IOException>(() => NativeFile.SetOwner(missing, 1, 1));
        Assert.Contains(missing, e.Message);
        Assert.Contains("No such file or directory", e.Message);
        Assert.Equal(Errno.ENOENT, e.HResult);
    }

    private static uint Octal(string digits) => Convert.ToUInt32(digits, 8);

    [Theory]
    [InlineData("755", "755")]
    [InlineData("4755", "4755")]   // setuid kept
    [InlineData("2750", "2750")]   // setgid kept
    [InlineData("100644", "644")]  // S_IFREG type bits ignored
    public void SetModeSetsPermissionBits(string mode, string expected)
    {
        var file = _dir.NewFile("f");
        NativeFile.SetMode(file, Octal(mode));
        Assert.Equal(expected, Tool.Stat("%a", file));
    }

    [Fact]
    public void SetModeSetsStickyBitOnDirectory()
    {
        var dir = Directory.CreateDirectory(_dir["d"]).FullName;
        NativeFile.SetMode(dir, Octal("1777"));
        Assert.Equal("1777", Tool.Stat("%a", dir));
    }

    [Fact]
    public void SetModeRefusesSymlinkAndLeavesTarget()
    {
        var target = _dir.NewFile("target");
        NativeFile.SetMode(target, Octal("600"));
        var link = _dir["link"];
        File.CreateSymbolicLink(link, target);
        var e = Assert.Throws<IOException>(() => NativeFile.SetMode(link, Octal("777")));
        Assert.Contains(link, e.Message);
        Assert.Equal("600", Tool.Stat("%a", target));
    }

    [Fact]
    public void SetModeHandlesUtf8Paths()
    {
        var file = _dir.NewFile("naïve-файл-日本");
        NativeFile.SetMode(file, Octal("444"));
        Assert.Equal("444", Tool.Stat("%a", file));
    }

    [Fact]
    public void SetModeOnMissingPathThrows()
    {
        var e = Assert.Throws<IOException>(() => NativeFile.SetMode(_dir["missing"], Octal("644")));
        Assert.Equal(Errno.ENOENT, e.HResult);
    }
}
