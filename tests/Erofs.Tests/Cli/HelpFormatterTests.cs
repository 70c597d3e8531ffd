using Erofs.Cli.CommandLine;

namespace Erofs.Tests.Cli;

public sealed class HelpFormatterTests
{
    [Theory]
    [InlineData('h', "help", ArgumentKind.None, "-h, --help")]
    [InlineData('b', "block-size", ArgumentKind.Required, "-b, --block-size=SIZE")]
    [InlineData('z', "compress", ArgumentKind.Optional, "-z, --compress[=SIZE]")]
    [InlineData(null, "device", ArgumentKind.Required, "    --device=SIZE")]
    [InlineData(null, "all", ArgumentKind.None, "    --all")]
    [InlineData('S', null, ArgumentKind.None, "-S")]
    [InlineData('E', null, ArgumentKind.Required, "-E SIZE")]
    [InlineData('E', null, ArgumentKind.Optional, "-E[SIZE]")]
    public void SpellsEachShape(char? letter, string? name, ArgumentKind kind, string expected)
    {
        Assert.Equal(expected, HelpFormatter.Spell(new OptionSpec(letter, name, kind, "d", "SIZE")));
    }

    [Fact]
    public void AlignsDescriptionsAndSkipsHiddenOptions()
    {
        var table = new OptionTable(
        [
            new OptionSpec('h', "help", ArgumentKind.None, "display this help and exit"),
            new OptionSpec(null, "device", ArgumentKind.Required, "specify an extra device", "PATH"),
            new OptionSpec('x', null, ArgumentKind.None, null),
            new OptionSpec('S', null, ArgumentKind.None, "show statistics"),
        ]);
        var expected =
            "  -h, --help         display this help and exit\n" +
            "      --device=PATH  specify an extra device\n" +
            "  -S                 show statistics\n";
        Assert.Equal(expected, table.FormatHelp());
    }

    [Fact]
    public void OverlongSpellingPutsDescriptionOnNextLine()
    {
        var help = HelpFormatter.Format(
        [
            new OptionSpec('a', null, ArgumentKind.None, "short one"),
            new OptionSpec(null, "a-very-long-option-name-indeed", ArgumentKind.Optional, "long one", "X"),
        ]);
        var lines = help.Split('\n');
        Assert.Equal("  -a" + new string(' ', 28) + "  short one", lines[0]);
        Assert.Equal("      --a-very-long-option-name-indeed[=X]", lines[1]);
        Assert.Equal(new string(' ', 32) + "  long one", lines[2]);
    }

    [Fact]
    public void EmptyTableGivesEmptyText()
    {
        Assert.Equal("", HelpFormatter.Format([]));
    }
}
