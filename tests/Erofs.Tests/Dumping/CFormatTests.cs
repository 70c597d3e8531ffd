using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

/// <summary>printf("%.2f") as glibc prints it, for the dump.erofs-compatible output.</summary>
public sealed class CFormatTests
{
    [Theory]
    [InlineData(97.79, "97.79")]
    [InlineData(100.0, "100.00")]
    [InlineData(0.0, "0.00")]
    [InlineData(55.17, "55.17")]
    // Exact binary ties round half to even (.NET's "F2" would give 0.13 and 0.38).
    [InlineData(0.125, "0.12")]
    [InlineData(0.375, "0.38")]
    [InlineData(0.625, "0.62")]
    // 2.675 is stored just below 2.675.
    [InlineData(2.675, "2.67")]
    [InlineData(-0.001, "-0.00")]
    [InlineData(1e20, "100000000000000000000.00")]
    [InlineData(5e-324, "0.00")]
    public void FixedRoundsTheExactValueHalfToEven(double value, string expected) =>
        Assert.Equal(expected, CFormat.Fixed(value, 2));

    [Fact]
    public void NotANumberAndInfinityAreSpelledAsGlibcDoes()
    {
        Assert.Equal("-nan", CFormat.Fixed(-double.NaN, 2));
        Assert.Equal("nan", CFormat.Fixed(BitConverter.Int64BitsToDouble(0x7FF8000000000000), 2));
        Assert.Equal("inf", CFormat.Fixed(double.PositiveInfinity, 2));
        Assert.Equal("-inf", CFormat.Fixed(double.NegativeInfinity, 2));
    }

    [Fact]
    public void PercentOfNothingIsMinusNanAsOnX86()
    {
        // An empty file: dump.erofs prints "Compression ratio: -nan%".
        Assert.Equal("-nan", CFormat.Percent(0, 0));
        Assert.Equal("inf", CFormat.Percent(4096, 0));
        Assert.Equal("55.17", CFormat.Percent(1064669, 1929634));
    }

    [Fact]
    public void PercentMultipliesInSixtyFourBitsAndWraps()
    {
        // 100 * 2^62 wraps to 0 in C's unsigned long.
        Assert.Equal("0.00", CFormat.Percent(1UL << 62, 1));
    }

    [Theory]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    [InlineData(0.0625, 3, "0.062")]
    public void OtherPrecisionsRoundTheSameWay(double value, int decimals, string expected) =>
        Assert.Equal(expected, CFormat.Fixed(value, decimals));
}
