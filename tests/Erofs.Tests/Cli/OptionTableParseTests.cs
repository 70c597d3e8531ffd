using Erofs.Cli.CommandLine;

namespace Erofs.Tests.Cli;

public sealed class OptionTableParseTests
{
    private static OptionTable Table() => new(
    [
        new OptionSpec('s', "superblock", ArgumentKind.None, "show the superblock"),
        new OptionSpec('S', null, ArgumentKind.None, "show statistics"),
        new OptionSpec('e', null, ArgumentKind.None, "show extents"),
        new OptionSpec('v', null, ArgumentKind.None, "be verbose"),
        new OptionSpec('b', "block-size", ArgumentKind.Required, "block size", "SIZE"),
        new OptionSpec('E', null, ArgumentKind.Required, "extended options", "X[,...]"),
        new OptionSpec('z', null, ArgumentKind.Optional, "compressor", "ALG"),
        new OptionSpec(null, "device", ArgumentKind.Required, "extra device", "PATH"),
        new OptionSpec(null, "extract", ArgumentKind.None, "extract files"),
        new OptionSpec(null, "xattr-inode-digest", ArgumentKind.Optional, "digest xattr", "NAME"),
        new OptionSpec('h', "help", ArgumentKind.None, "show help"),
    ]);

    private static ParseResult Parse(params string[] args) => Table().Parse(args);

    private static string ParseError(params string[] args) =>
        Assert.Throws<CommandLineException>(() => Parse(args)).Message;

    [Fact]
    public void EmptyCommandLineHasNothing()
    {
        var result = Parse();
        Assert.False(result.Has("superblock"));
        Assert.Null(result.Value("block-size"));
        Assert.Empty(result.Values("device"));
        Assert.Empty(result.Positionals);
        Assert.Empty(result.Occurrences);
    }

    [Fact]
    public void ShortFlagIsFoundByLongNameOrLetter()
    {
        var result = Parse("-s", "-S");
        Assert.True(result.Has("superblock")); // has a long name: queried by it
        Assert.True(result.Has("S"));          // short-only: queried by its letter
        Assert.False(result.Has("e"));
    }

    [Fact]
    public void BundledShortFlagsAreSplit()
    {
        var result = Parse("-sSe");
        Assert.True(result.Has("superblock"));
        Assert.True(result.Has("S"));
        Assert.True(result.Has("e"));
        Assert.Equal(["superblock", "S", "e"], result.Occurrences.Select(o => o.Option.Key));
    }

    [Theory]
    [InlineData("-b4096")]
    [InlineData("-b", "4096")]
    [InlineData("--block-size=4096")]
    [InlineData("--block-size", "4096")]
    public void RequiredValueIsAttachedOrNext(params string[] args)
    {
        var result = Parse(args);
        Assert.Equal("4096", result.Value("block-size"));
        Assert.Empty(result.Positionals);
    }

    [Fact]
    public void BundleEndsAtValueTakingLetter()
    {
        var attached = Parse("-sb4096");
        Assert.True(attached.Has("superblock"));
        Assert.Equal("4096", attached.Value("block-size"));

        var separate = Parse("-vb", "512", "img");
        Assert.True(separate.Has("v"));
        Assert.Equal("512", separate.Value("block-size"));
        Assert.Equal(["img"], separate.Positionals);

        // Letters after a value-taking letter are its value, not options.
        Assert.Equal("se", Parse("-bse").Value("block-size"));
    }

    [Fact]
    public void AttachedShortValueMayStartWithCaret()
    {
        Assert.Equal("^xattr-name-filter", Parse("-E^xattr-name-filter").Value("E"));
    }

    [Fact]
    public void RepeatedOptionsKeepEveryValueInOrder()
    {
        var result = Parse("-E", "a", "--device=A", "-Eb", "--device", "B", "--device=C");
        Assert.Equal(["a", "b"], result.Values("E"));
        Assert.Equal(["A", "B", "C"], result.Values("device"));
        Assert.Equal("C", result.Value("device"));
        Assert.Equal(3, result.Count("device"));
    }

    [Fact]
    public void RepeatedFlagsAreCounted()
    {
        Assert.Equal(3, Parse("-vv", "-v").Count("v"));
    }

    [Fact]
    public void OptionalShortValueIsOnlyAttached()
    {
        Assert.Equal("lz4", Parse("-zlz4").Value("z"));

        var separate = Parse("-z", "lz4");
        Assert.True(separate.Has("z"));
        Assert.Null(separate.Value("z"));
        Assert.Empty(separate.Values("z"));
        Assert.Equal(["lz4"], separate.Positionals);
    }

    [Fact]
    public void OptionalLongValueBindsOnlyWithEquals()
    {
        var bare = Parse("--xattr-inode-digest", "IMAGE", "DIR");
        Assert.True(bare.Has("xattr-inode-digest"));
        Assert.Null(bare.Value("xattr-inode-digest"));
        Assert.Equal(["IMAGE", "DIR"], bare.Positionals);

        var valued = Parse("--xattr-inode-digest=trusted.digest", "IMAGE");
        Assert.Equal("trusted.digest", valued.Value("xattr-inode-digest"));
        Assert.Equal(["IMAGE"], valued.Positionals);
    }

    [Fact]
    public void EqualsWithNothingAfterIsAnEmptyValue()
    {
        Assert.Equal("", Parse("--device=").Value("device"));
        Assert.Equal("", Parse("--xattr-inode-digest=").Value("xattr-inode-digest"));
    }

    [Fact]
    public void LastOccurrenceWinsEvenWithoutValue()
    {
        var result = Parse("--xattr-inode-digest=a", "--xattr-inode-digest");
        Assert.Null(result.Value("xattr-inode-digest"));
        Assert.Equal(["a"], result.Values("xattr-inode-digest"));
    }

    [Fact]
    public void RequiredValueIsTakenVerbatimEvenIfItLooksLikeAnOption()
    {
        Assert.Equal("-1", Parse("-b", "-1").Value("block-size"));
        Assert.Equal("--help", Parse("--device", "--help").Value("device"));
        var result = Parse("-b", "--", "x");
        Assert.Equal("--", result.Value("block-size"));
        Assert.Equal(["x"], result.Positionals);
    }

    [Fact]
    public void OptionsMayFollowPositionals()
    {
        var result = Parse("IMAGE", "-s", "DIR", "--device=x", "MORE");
        Assert.True(result.Has("superblock"));
        Assert.Equal("x", result.Value("device"));
        Assert.Equal(["IMAGE", "DIR", "MORE"], result.Positionals);
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        var result = Parse("-s", "--", "-b", "--help", "--", "x");
        Assert.True(result.Has("superblock"));
        Assert.False(result.Has("help"));
        Assert.Equal(["-b", "--help", "--", "x"], result.Positionals);
    }

    [Fact]
    public void LoneDashIsPositional()
    {
        Assert.Equal(["-"], Parse("-", "-s").Positionals);
    }

    [Theory]
    [InlineData("unrecognized option '--foo'", "--foo")]
    [InlineData("unrecognized option '--foo=bar'", "--foo=bar")]
    [InlineData("unrecognized option '--dev=x'", "--dev=x")] // no prefix matching
    [InlineData("unrecognized option '--Help'", "--Help")]   // names are case-sensitive
    [InlineData("invalid option -- 'x'", "-x")]
    [InlineData("invalid option -- 'x'", "-sx")]
    [InlineData("option requires an argument -- 'b'", "-b")]
    [InlineData("option requires an argument -- 'b'", "-sb")]
    [InlineData("option '--block-size' requires an argument", "--block-size")]
    [InlineData("option '--device' requires an argument", "img", "--device")]
    [InlineData("option '--extract' doesn't allow an argument", "--extract=dir")]
    [InlineData("option '--help' doesn't allow an argument", "--help=x")]
    [InlineData("option '--help' doesn't allow an argument", "--help=")]
    public void ErrorsUseGetoptWording(string message, params string[] args)
    {
        Assert.Equal(message, ParseError(args));
    }

    [Fact]
    public void NoValueLongOptionLeavesNextArgumentPositional()
    {
        var result = Parse("--extract", "dir");
        Assert.True(result.Has("extract"));
        Assert.Equal(["dir"], result.Positionals);
    }

    [Fact]
    public void QueryingAnUnknownNameIsAProgrammingError()
    {
        var result = Parse("-s");
        Assert.Throws<ArgumentException>(() => result.Has("superblok"));
        Assert.Throws<ArgumentException>(() => result.Value("s")); // has a long name: use it
        Assert.Throws<ArgumentException>(() => result.Values("nope"));
    }
}
