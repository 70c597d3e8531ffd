using Erofs.Interop;

namespace Erofs.Tests.Interop;

public sealed class XattrTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SetsAndReadsBackBinaryValue()
    {
        var file = _dir.NewFile("f");
        byte[] value = [0, 1, 0xFF, (byte)'a', 0];
        NativeFile.SetXattr(file, "user.erofs.test", value);
        Assert.Equal(value, NativeFile.GetXattr(file, "user.erofs.test"));
    }

    [Fact]
    public void ReplacesExistingValue()
    {
        var file = _dir.NewFile("f");
        NativeFile.SetXattr(file, "user.v", "a longer first value"u8);
        NativeFile.SetXattr(file, "user.v", "b"u8);
        Assert.Equal("b"u8.ToArray(), NativeFile.GetXattr(file, "user.v"));
    }

    [Fact]
    public void SetsEmptyValue()
    {
        var file = _dir.NewFile("f");
        NativeFile.SetXattr(file, "user.empty", []);
        Assert.Empty(NativeFile.GetXattr(file, "user.empty"));
    }

    [Fact]
    public void NamesAndPathsAreUtf8()
    {
        var file = _dir.NewFile("файл-日本");
        NativeFile.SetXattr(file, "user.naïve", "é"u8);
        Assert.Equal("é"u8.ToArray(), NativeFile.GetXattr(file, "user.naïve"));
    }

    [RootFact]
    public void SetsXattrOnSymlinkNotTarget()
    {
        var target = _dir.NewFile("target");
        var link = _dir["link"];
        File.CreateSymbolicLink(link, target);
        // The kernel allows user.* only on files and directories; trusted.* needs root.
        NativeFile.SetXattr(link, "trusted.erofs", "on-link"u8);
        Assert.Equal("on-link"u8.ToArray(), NativeFile.GetXattr(link, "trusted.erofs"));
        var e = Assert.Throws<IOException>(() => NativeFile.GetXattr(target, "trusted.erofs"));
        Assert.Equal(Errno.ENODATA, e.HResult);
    }

    [Fact]
    public void MissingAttributeThrowsWithName()
    {
        var file = _dir.NewFile("f");
        var e = Assert.Throws<IOException>(() => NativeFile.GetXattr(file, "user.absent"));
        Assert.Contains("user.absent", e.Message);
        Assert.Contains(file, e.Message);
        Assert.Equal(Errno.ENODATA, e.HResult);
    }

    [Fact]
    public void SetOnMissingPathNamesPathAndError()
    {
        var missing = _dir["missing"];
        var e = Assert.Throws<IOException>(() => NativeFile.SetXattr(missing, "user.a", "b"u8));
        Assert.Contains(missing, e.Message);
        Assert.Contains("No such file or directory", e.Message);
    }
}
