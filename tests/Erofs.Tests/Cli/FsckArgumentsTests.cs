using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands.Fsck;

namespace Erofs.Tests.Cli;

/// <summary>fsck.erofs 1.9.3's options: every one accepted, refused where 1.9.3 refuses it.</summary>
public sealed class FsckArgumentsTests
{
    private static FsckRequest Parse(params string[] args) => FsckArguments.Parse(FsckOptionTable.Create().Parse(args));

    [Theory]
    [InlineData("--force")]
    [InlineData("--overwrite")]
    [InlineData("--preserve")]
    [InlineData("--no-preserve")]
    [InlineData("--preserve-owner")]
    [InlineData("--no-preserve-owner")]
    [InlineData("--preserve-perms")]
    [InlineData("--no-preserve-perms")]
    public void ExtractionOptionsNeedExtractToADirectory(string option)
    {
        Assert.Equal($"{option} must be used together with --extract=X", Assert.Throws<CommandLineException>(() => Parse(option, "img")).Message);
        Assert.Throws<CommandLineException>(() => Parse(option, "--extract", "img"));
        Assert.Equal("out", Parse(option, "--extract=out/", "img").ExtractDirectory);
    }

    [Fact]
    public void ExtractingToRootNeedsForce()
    {
        Assert.Equal("--extract=/ must be used together with --force", Assert.Throws<CommandLineException>(() => Parse("--extract=//", "img")).Message);
        Assert.Equal("/", Parse("--extract=/", "--force", "img").ExtractDirectory);
        Assert.Equal("empty value given for --extract=X", Assert.Throws<CommandLineException>(() => Parse("--extract=", "img")).Message);
    }

    [Fact]
    public void RepairAnswersAndMessageLevelsAreAccepted()
    {
        var r = Parse("-a", "-A", "-y", "-aAy", "-d0", "-d9", "-p", "--xattrs", "--no-xattrs", "img");
        Assert.Equal("img", r.ImagePath);
        Assert.Null(r.ExtractDirectory);
        Assert.Throws<CommandLineException>(() => Parse("-d10", "img"));
    }

    [Fact]
    public void PreserveOptionsApplyInOrder()
    {
        var e = Parse("--extract=x", "--no-preserve", "--preserve-owner", "img").Extraction;
        Assert.Equal((true, false), (e.PreserveOwners, e.PreservePermissions));
        e = Parse("--extract=x", "--preserve", "--no-preserve-perms", "--no-xattrs", "--overwrite", "img").Extraction;
        Assert.Equal((true, false, false, true), (e.PreserveOwners, e.PreservePermissions, e.PreserveXattrs, e.Overwrite));
        // Defaults: owners and exact permissions as root only (as fsck.erofs), xattrs restored (ours).
        e = Parse("--extract=x", "img").Extraction;
        Assert.Equal((Environment.IsPrivilegedProcess, Environment.IsPrivilegedProcess, true), (e.PreserveOwners, e.PreservePermissions, e.PreserveXattrs));
    }

    [Fact]
    public void NidAndPathSelectASubtree()
    {
        Assert.Equal((42UL, (string?)null), (Parse("--nid=42", "img").Nid, Parse("--nid=42", "img").InodePath));
        Assert.Equal("/usr/lib", Parse("--path=/usr/lib", "img").InodePath);
        Assert.Contains("invalid nid 'x'", Assert.Throws<CommandLineException>(() => Parse("--nid=x", "img")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyOneImage()
    {
        Assert.Equal("missing IMAGE", Assert.Throws<CommandLineException>(() => Parse()).Message);
        Assert.Equal("unexpected argument 'b'", Assert.Throws<CommandLineException>(() => Parse("a", "b")).Message);
    }
}
