using System.Text;
using Erofs.Building.Tar;

namespace Erofs.Tests.Building.Tar;

public class TarNumbersTests
{
    [Theory]
    [InlineData("0000644\0", 420)]
    [InlineData("  644 \0\0", 420)]
    [InlineData("00000000012\0", 10)]
    [InlineData("77777777777\0", 8589934591)]
    [InlineData("777777777777", 68719476735)] // all twelve digits, no terminator
    public void Octal_fields_parse(string field, long expected)
    {
        Assert.True(TarNumbers.TryParseField(Encoding.ASCII.GetBytes(field), allowBase256: true, allowBlank: false, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("00x0644\0")]
    [InlineData("\0\0\0\0\0\0\0\0")]
    [InlineData("        ")]
    [InlineData("-0000001")]
    public void Bad_or_blank_octal_fields_are_refused(string field) =>
        Assert.False(TarNumbers.TryParseField(Encoding.ASCII.GetBytes(field), true, allowBlank: false, out _));

    [Fact]
    public void Blank_field_reads_as_zero_when_allowed()
    {
        Assert.True(TarNumbers.TryParseField(new byte[8], false, allowBlank: true, out long value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void Base256_positive_and_negative()
    {
        byte[] big = [0x80, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        Assert.True(TarNumbers.TryParseField(big, true, false, out long value));
        Assert.Equal(0x0102030405060708L, value);

        byte[] minusOne = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        Assert.True(TarNumbers.TryParseField(minusOne, true, false, out value));
        Assert.Equal(-1, value);

        Assert.False(TarNumbers.TryParseField(big, allowBase256: false, false, out _));
    }

    [Fact]
    public void Base256_beyond_64_bits_is_refused()
    {
        byte[] huge = [0x80, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.False(TarNumbers.TryParseField(huge, true, false, out _));
    }

    [Theory]
    [InlineData("1700000000", 1700000000, 0u)]
    [InlineData("1700000000.5", 1700000000, 500000000u)]
    [InlineData("1700000000.123456789", 1700000000, 123456789u)]
    [InlineData("1700000000.1234567899", 1700000000, 123456789u)]
    [InlineData("-1.5", -2, 500000000u)]
    [InlineData("-3", -3, 0u)]
    public void Pax_times_parse_to_seconds_and_nanoseconds(string text, long seconds, uint nanoseconds)
    {
        Assert.True(TarNumbers.TryParseTime(Encoding.ASCII.GetBytes(text), out long s, out uint ns));
        Assert.Equal((seconds, nanoseconds), (s, ns));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("99999999999999999999")]
    public void Bad_pax_times_are_refused(string text) =>
        Assert.False(TarNumbers.TryParseTime(Encoding.ASCII.GetBytes(text), out _, out _));
}
