using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;

namespace Erofs.Tests.Dumping;

/// <summary>`erofs dump` reads its options as dump.erofs does, and refuses combinations that mean nothing.</summary>
public sealed class DumpArgumentsTests
{
    private static DumpMode Mode(params string[] args) => DumpMode.From(new DumpCommand().Options.Parse([.. args, "image"]));

    [Theory]
    [InlineData("38", 38UL)]
    [InlineData("0x26", 38UL)]
    [InlineData("0X26", 38UL)]
    [InlineData("046", 38UL)]
    [InlineData("0", 0UL)]
    [InlineData("  +38", 38UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    // strtoull: too large gives the largest value, a minus sign negates modulo 2^64.
    [InlineData("99999999999999999999999", ulong.MaxValue)]
    [InlineData("-1", ulong.MaxValue)]
    public void NumbersAreReadAsStrtoullWithBaseZero(string text, ulong expected) =>
        Assert.Equal(expected, CNumber.ParseUnsigned(text));

    [Theory]
    [InlineData("")]
    [InlineData("38x")]
    [InlineData("0x")]
    [InlineData("08")]
    [InlineData("3 8")]
    [InlineData("0x1g")]
    public void TrailingCharactersAreRefused(string text) => Assert.Null(CNumber.ParseUnsigned(text));

    [Fact]
    public void TheSuperblockIsTheDefaultAndOtherSectionsReplaceIt()
    {
        Assert.True(Mode().Superblock);
        Assert.False(Mode("-S").Superblock);
        Assert.False(Mode("--path=/").Superblock);
        Assert.True(Mode("-s", "-S").Superblock);
        Assert.Equal(38UL, Mode("--nid=0x26").Nid);
    }

    [Theory]
    [InlineData("-e")]
    [InlineData("--ls")]
    [InlineData("--cat")]
    public void InodeOptionsNeedAnInode(string option) =>
        Assert.Contains("needs --path or --nid", Assert.Throws<CommandLineException>(() => Mode(option)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("-s")]
    [InlineData("-S")]
    [InlineData("-e")]
    [InlineData("--ls")]
    public void CatStandsAlone(string other) =>
        Assert.Equal("The '--cat' flag is incompatible with '-S', '-e', '-s' and '--ls'",
            Assert.Throws<CommandLineException>(() => Mode("--cat", "--path=/a", other)).Message);

    [Fact]
    public void OurOwnFormatsDoNotTakeDumpErofsOnlyOptions()
    {
        Assert.Throws<CommandLineException>(() => Mode("--json", "--details"));
        Assert.Throws<CommandLineException>(() => Mode("--ls", "--path=/", "--json"));
        Assert.Throws<CommandLineException>(() => Mode("--cat", "--path=/a", "--details"));
        Assert.Throws<CommandLineException>(() => Mode("--nid=1", "--path=/"));
        Assert.Contains("invalid NID 12a", Assert.Throws<CommandLineException>(() => Mode("--nid=12a")).Message, StringComparison.Ordinal);
    }
}
