using System.Text;
using Erofs.Building;
using Erofs.Building.Tar;

namespace Erofs.Tests.Building.Tar;

public class PaxRecordsTests
{
    private static readonly TarErrors Errors = new("test.tar");

    [Fact]
    public void Values_are_taken_by_length_and_may_hold_nul_and_newline()
    {
        byte[] value = [0x01, 0x00, 0x0A, 0x3D, 0x0A, 0xFF];
        var data = TarBytes.Record("SCHILY.xattr.user.bin", value).Concat(TarBytes.Record("path", "a/b"u8.ToArray())).ToArray();
        var records = PaxRecords.Parse(data, 1024, Errors);
        Assert.Equal(2, records.Count);
        Assert.Equal("SCHILY.xattr.user.bin", records[0].Key);
        Assert.Equal(value, records[0].Value);
        Assert.Equal("path", records[1].Key);
        Assert.Equal("a/b"u8.ToArray(), records[1].Value);
    }

    [Theory]
    [InlineData("13 path=abc\n", "impossible")]            // says 13, has 12
    [InlineData("11 path=abc\n", "newline")]               // says 11: cuts inside the record
    [InlineData("99999999 path=x\n", "PAX record length 99999999 is impossible")]    // absurdly long length field
    [InlineData("x path=abc\n", "decimal length")]
    [InlineData("11 pathabc\n\n", "keyword")]
    [InlineData("3 \n", "impossible")]
    public void Lying_records_are_refused_with_the_offset(string text, string expected)
    {
        var error = Assert.Throws<InvalidSourceException>(() => PaxRecords.Parse(Encoding.ASCII.GetBytes(text), 1536, Errors));
        Assert.Contains(expected, error.Message);
        Assert.Contains("offset 1536", error.Message);
        Assert.Contains("test.tar", error.Message);
    }

    [Fact]
    public void Trailing_nul_padding_is_ignored()
    {
        var data = TarBytes.Record("uid", "5"u8.ToArray()).Concat(new byte[7]).ToArray();
        Assert.Single(PaxRecords.Parse(data, 0, Errors));
    }
}
