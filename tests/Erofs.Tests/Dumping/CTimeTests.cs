using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

/// <summary>ctime() and strftime() over localtime() as glibc renders them (checked against glibc 2.36).</summary>
public sealed class CTimeTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Fact]
    public void CtimeHasItsFixedLayoutAndNewline()
    {
        Assert.Equal("Tue Nov 14 22:13:20 2023\n", CTime.Ctime(1700000000, Utc));
        // The day of the month is padded with a space, not a zero.
        Assert.Equal("Sat Nov  4 08:26:40 2023\n", CTime.Ctime(1699086400, Utc));
        Assert.Equal("Thu Jan  1 00:00:00 1970\n", CTime.Ctime(0, Utc));
        Assert.Equal("Wed Dec 31 23:59:59 1969\n", CTime.Ctime(-1, Utc));
    }

    [Fact]
    public void TimesAreShownInTheGivenZone()
    {
        var kolkata = TimeZoneInfo.CreateCustomTimeZone("test+0530", TimeSpan.FromMinutes(330), "test+0530", "test+0530");
        Assert.Equal("Wed Nov 15 03:43:20 2023\n", CTime.Ctime(1700000000, kolkata));
        Assert.Equal("2023-11-15 03:43:20", CTime.Timestamp(1700000000, kolkata));
    }

    [Fact]
    public void YearsOutsideDotNetsRangeArePrintedUnpadded()
    {
        Assert.Equal("Mon Jan  1 00:00:00 1\n", CTime.Ctime(-62135596800, Utc));
        Assert.Equal("Sun Dec 31 23:59:59 0\n", CTime.Ctime(-62135596801, Utc));
        Assert.Equal("Sat Jan  1 00:00:00 10000\n", CTime.Ctime(253402300800, Utc));
        Assert.Equal("33658-09-27 01:46:40", CTime.Timestamp(1000000000000, Utc));
        Assert.Equal("1-01-01 00:00:00", CTime.Timestamp(-62135596800, Utc));
    }

    [Fact]
    public void YearsBeyondACIntFailAsGlibcDoes()
    {
        // Year 2^31 - 1 is the last ctime prints.
        Assert.Equal("Tue Dec 31 23:59:59 2147483647\n", CTime.Ctime(67767976233532799, Utc));
        // One second later localtime still works but asctime refuses (printf then shows "(null)"),
        // and strftime's %Y wraps in int arithmetic.
        Assert.Null(CTime.Ctime(67767976233532800, Utc));
        Assert.Equal("-2147483648-01-01 00:00:00", CTime.Timestamp(67767976233532800, Utc));
        // Past tm_year's range localtime fails: dump.erofs prints the raw seconds.
        Assert.Null(CTime.Ctime(67768036191676800, Utc));
        Assert.Equal("67768036191676800", CTime.Timestamp(67768036191676800, Utc));
        Assert.Equal("-67768040609740801", CTime.Timestamp(-67768040609740801, Utc));
        Assert.Equal("Thu Jan  1 00:00:00 -2147481748\n", CTime.Ctime(-67768040609740800, Utc));
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), CTime.Timestamp(long.MaxValue, Utc));
    }
}
