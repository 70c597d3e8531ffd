using Erofs.Cli.CommandLine;

namespace Erofs.Tests.Cli;

public sealed class OptionTableTests
{
    [Fact]
    public void DuplicateLettersAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new OptionTable(
        [
            new OptionSpec('a', "all", ArgumentKind.None, null),
            new OptionSpec('a', "any", ArgumentKind.None, null),
        ]));
    }

    [Fact]
    public void DuplicateLongNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new OptionTable(
        [
            new OptionSpec('a', "all", ArgumentKind.None, null),
            new OptionSpec('b', "all", ArgumentKind.None, null),
        ]));
    }

    [Fact]
    public void LongNameEqualToShortOnlyLetterIsRejected()
    {
        // Both would be queried as "x".
        Assert.Throws<ArgumentException>(() => new OptionTable(
        [
            new OptionSpec('x', null, ArgumentKind.None, null),
            new OptionSpec(null, "x", ArgumentKind.None, null),
        ]));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData('-', null)]
    [InlineData(' ', null)]
    [InlineData(null, "")]
    [InlineData(null, "a=b")]
    [InlineData(null, "-x")]
    public void UnspellableNamesAreRejected(char? letter, string? name)
    {
        Assert.Throws<ArgumentException>(() => new OptionSpec(letter, name, ArgumentKind.None, null));
    }

    [Fact]
    public void KeyIsLongNameOrLetter()
    {
        Assert.Equal("device", new OptionSpec('d', "device", ArgumentKind.Required, null).Key);
        Assert.Equal("d", new OptionSpec('d', null, ArgumentKind.Required, null).Key);
    }

    [Fact]
    public void FindsOptionsByExactSpelling()
    {
        var table = new OptionTable([new OptionSpec('d', "device", ArgumentKind.Required, null)]);
        Assert.Same(table.Options[0], table.FindShort('d'));
        Assert.Same(table.Options[0], table.FindLong("device"));
        Assert.Null(table.FindLong("dev"));
        Assert.Null(table.FindShort('D'));
    }
}
