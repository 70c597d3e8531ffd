using Erofs.Interop;

namespace Erofs.Tests.Interop;

public sealed class TimeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TimespecIsTwo64BitFields()
    {
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<Libc.Timespec>());
    }

    [Fact]
    public void SetsNanosecondModificationAndAccessTime()
    {
        var file = _dir["f"];
        File.WriteAllText(file, "x");
        NativeFile.SetModificationTime(file, 1_600_000_000, 123_456_789);
        Assert.Equal("1600000000.123456789", Tool.Stat("%.9Y", file));
        Assert.Equal("1600000000.123456789", Tool.Stat("%.9X", file));
        // .NET keeps 100 ns ticks: the last two digits are truncated.
        var expected = DateTime.UnixEpoch.AddSeconds(1_600_000_000).AddTicks(1_234_567);
        Assert.Equal(expected, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void SetsSymlinkTimeWithoutTouchingTarget()
    {
        var target = _dir["target"];
        File.WriteAllText(target, "x");
        NativeFile.SetModificationTime(target, 1_000_000_000, 0);
        var link = _dir["link"];
        File.CreateSymbolicLink(link, target);

        NativeFile.SetModificationTime(link, 1_700_000_000, 999_999_999);

        Assert.Equal("2023-11-14 22:13:20.999999999 +0000", Tool.Run("env", "TZ=UTC", "stat", "-c", "%y", link));
        // .NET reports a symlink's own times (lstat), truncated to 100 ns ticks.
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(9_999_999), File.GetLastWriteTimeUtc(link));
        Assert.Equal("1000000000.000000000", Tool.Stat("%.9Y", target));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_000_000_000), File.GetLastWriteTimeUtc(target));
    }

    [Fact]
    public void SetsTimeBeforeEpoch()
    {
        var dir = Directory.CreateDirectory(_dir["d"]).FullName;
        NativeFile.SetModificationTime(dir, -86_400, 500_000_000);
        Assert.Equal(DateTime.UnixEpoch.AddDays(-1).AddMilliseconds(500), Directory.GetLastWriteTimeUtc(dir));
    }

    [Fact]
    public void RejectsNanosecondsOfAWholeSecond()
    {
        var file = _dir["f"];
        File.WriteAllText(file, "x");
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeFile.SetModificationTime(file, 0, 1_000_000_000));
    }

    [Fact]
    public void MissingPathNamesPathAndError()
    {
        var missing = _dir["missing"];
        var e = Assert.Throws<IOException>(() => NativeFile.SetModificationTime(missing, 0, 0));
        Assert.Contains(missing, e.Message);
        Assert.Contains("No such file or directory", e.Message);
    }
}
