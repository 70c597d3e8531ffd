using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

public sealed class DumpFormatTests
{
    [Theory]
    [InlineData(0x81A4, "-rw-r--r--", "100644", "0644")]
    [InlineData(0x43FF, "drwxrwxrwt", "041777", "1777")]
    [InlineData(0x8DED, "-rwsr-sr-x", "106755", "6755")]
    [InlineData(0x8C00, "---S--S---", "106000", "6000")]
    [InlineData(0x4200, "d--------T", "041000", "1000")]
    [InlineData(0xA1FF, "lrwxrwxrwx", "120777", "0777")]
    public void ModesRenderLikeLs(int mode, string ls, string octal, string permissions)
    {
        Assert.Equal(ls, DumpFormat.ModeString(mode));
        Assert.Equal(octal, DumpFormat.ModeOctal(mode));
        Assert.Equal(permissions, DumpFormat.PermissionsOctal(mode));
    }

    [Fact]
    public void TimesAreIsoUtcAndSurviveOutOfRangeValues()
    {
        Assert.Equal("2023-11-14T22:13:20Z", DumpFormat.UnixTime(1700000000L));
        Assert.Equal("2023-11-14T22:13:20.000000005Z", DumpFormat.UnixTime(1700000000L, 5));
        Assert.Equal("1969-12-31T23:59:59Z", DumpFormat.UnixTime(-1L));
        Assert.Equal("@9223372036854775807", DumpFormat.UnixTime(long.MaxValue));
        Assert.Equal("@18446744073709551615", DumpFormat.UnixTime(ulong.MaxValue));
    }

    [Fact]
    public void OnlyCleanUtf8IsText()
    {
        Assert.Equal("héllo", DumpFormat.PrintableText("héllo"u8.ToArray()));
        Assert.Null(DumpFormat.PrintableText([0x68, 0x00]));
        Assert.Null(DumpFormat.PrintableText([0xFF, 0xFE]));
        Assert.Null(DumpFormat.PrintableText("a\nb"u8.ToArray()));
        Assert.Equal("", DumpFormat.PrintableText([]));
    }

    [Fact]
    public void FingerprintKeepsTheAlgorithmTag()
    {
        Assert.Equal("sha256:00ff", DumpFormat.FingerprintText([.. "sha256:"u8, 0x00, 0xFF]));
        Assert.Equal("00ff", DumpFormat.FingerprintText([0x00, 0xFF]));
    }
}
