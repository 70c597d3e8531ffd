using Erofs.Mounting;

namespace Erofs.Tests.Mounting;

/// <summary>
/// The new mount API's failures on the real kernel (these tests need root): each is one line naming the
/// call, the file system type and the parameter, with the kernel's own words when it gave some.
/// </summary>
public sealed class FileSystemContextTests
{
    private const int ENODEV = 19, EINVAL = 22;

    [Fact]
    public void ABogusKeyFailsInTheKernelsOwnWords()
    {
        using var erofs = FileSystemContext.Open("erofs");

        var e = Assert.Throws<IOException>(() => erofs.SetString("bogus_key", "x"));

        Assert.StartsWith("fsconfig erofs bogus_key=x: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown parameter 'bogus_key'", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(Invalid argument, errno 22)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(EINVAL, e.HResult);
    }

    [Fact]
    public void AContextStaysUsableAfterARefusedParameterAndItsLogIsDrained()
    {
        using var overlay = FileSystemContext.Open("overlay");
        Assert.Throws<IOException>(() => overlay.SetFlag("no_such_flag"));

        overlay.SetFlag("ro");

        Assert.Empty(overlay.ReadMessages());
    }

    [Fact]
    public void AValueLongerThanTheKernelTakesIsRefusedSayingSo()
    {
        using var overlay = FileSystemContext.Open("overlay");
        overlay.SetString("source", new string('s', FileSystemContext.MaxValueBytes));

        var e = Assert.Throws<ArgumentException>(() => overlay.SetString("source", new string('s', FileSystemContext.MaxValueBytes + 1)));

        Assert.Equal("fsconfig overlay source: the kernel takes at most 255 bytes as a value, this one has 256", e.Message);
    }

    [Fact]
    public void AnUnknownFileSystemTypeIsNamed()
    {
        var e = Assert.Throws<IOException>(() => FileSystemContext.Open("no_such_fs"));

        Assert.Equal("fsopen no_such_fs: the kernel has no such file system: No such device (errno 19)", e.Message);
        Assert.Equal(ENODEV, e.HResult);
    }

    [Fact]
    public void ALayerThatIsNotADirectoryIsRefusedInTheKernelsWords()
    {
        string file = Path.GetTempFileName();
        try
        {
            using var overlay = FileSystemContext.Open("overlay");
            using var handle = File.OpenHandle(file);

            var e = Assert.Throws<IOException>(() => overlay.SetFd("lowerdir+", handle));

            Assert.StartsWith("fsconfig overlay lowerdir+=<fd ", e.Message, StringComparison.Ordinal);
            Assert.Contains($"{file} is not a directory", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MountingBeforeCreatingFails()
    {
        using var erofs = FileSystemContext.Open("erofs");

        var e = Assert.Throws<IOException>(() => erofs.Mount(MountAttributes.ReadOnly));

        Assert.StartsWith("fsmount erofs: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACreateThatFailsWithoutWordsPointsAtTheKernelLog()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, new byte[8192]);
            using var erofs = FileSystemContext.Open("erofs");
            erofs.SetString("source", file);

            var e = Assert.Throws<IOException>(erofs.Create);

            Assert.StartsWith("fsconfig erofs create: ", e.Message, StringComparison.Ordinal);
            Assert.EndsWith("the kernel log (dmesg) may say why", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AClosedDirectoryIsNoLayer()
    {
        using var overlay = FileSystemContext.Open("overlay");
        var root = DirectoryHandle.Open("/");
        root.Dispose();

        Assert.Throws<ObjectDisposedException>(() => overlay.SetFd("lowerdir+", root));
    }

    [Fact]
    public void OpeningAFileAsADirectoryFailsNamingIt()
    {
        var e = Assert.Throws<IOException>(() => DirectoryHandle.Open("/proc/self/status"));

        Assert.Equal("open directory /proc/self/status: Not a directory (errno 20)", e.Message);
    }
}
