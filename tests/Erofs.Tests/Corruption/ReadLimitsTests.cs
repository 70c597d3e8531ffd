using Erofs.Building.Source;
using Erofs.Checking;
using Erofs.Cli;
using Erofs.Cli.Commands;
using Erofs.Extracting;
using Erofs.Reading;
using Erofs.Tests.Building;

namespace Erofs.Tests.Corruption;

/// <summary>Each <see cref="ReadLimits"/> limit, set below what a valid image needs, gives a located content error.</summary>
public sealed class ReadLimitsTests
{
    private static ErofsImage Open(string variant, ReadLimits limits) =>
        HostileImage.FromBytes(variant, BuilderImages.Make(variant)).Open(new ReadOptions { Limits = limits });

    [Fact]
    public void DefaultsAcceptEveryBuilderImage()
    {
        foreach (var variant in BuilderImages.Variants)
        {
            using var image = Open(variant, ReadLimits.Default);
            Assert.Empty(new ImageChecker(image, new CheckOptions { ReadAllData = true }).Check());
        }
    }

    [Fact]
    public void DirectoryDeeperThanMaxDepthIsReportedByFsckAndExtract()
    {
        var root = SourceNode.NewDirectory();
        var dir = root;
        for (int i = 0; i < 6; i++)
            dir = dir.Add($"d{i}", SourceNode.NewDirectory());
        dir.Add("leaf", SourceTrees.File("x"u8.ToArray()));
        var bytes = BuildTree(root);
        using var image = HostileImage.FromBytes("deep", bytes).Open(new ReadOptions { Limits = ReadLimits.Default with { MaxDirectoryDepth = 3 } });
        var issue = Assert.Single(new ImageChecker(image).Check());
        Assert.Equal("/d0/d1/d2", issue.Path);
        Assert.Contains("directory depth exceeds 3", issue.Message, StringComparison.Ordinal);
        Assert.NotNull(issue.Nid);
        using var scratch = new ScratchDirectory();
        var result = new Extractor(image).ExtractTo(scratch["out"]);
        Assert.Contains(result.Failures, f => f.Message.Contains("directory depth exceeds 3", StringComparison.Ordinal));
        Assert.False(Directory.Exists(scratch["out/d0/d1/d2/d3"]));
    }

    [Fact]
    public void NameLongerThanMaxNameIsAContentError()
    {
        using var image = Open("inline", ReadLimits.Default with { MaxNameLength = 4 });
        var e = Assert.Throws<ErofsContentException>(() => image.ReadDirectory(image.Root).ToList());
        Assert.Contains("bytes (max 4)", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
    }

    [Fact]
    public void SymlinkLongerThanMaxSymlinkIsAContentError()
    {
        using var image = Open("inline", ReadLimits.Default with { MaxSymlinkLength = 3 });
        var e = Assert.Throws<ErofsContentException>(() => image.ReadLink(image.ResolvePath("/link")!));
        Assert.Contains("symlink target of 5 bytes exceeds 3", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
    }

    [Fact]
    public void MoreXattrsThanMaxXattrsIsAContentError()
    {
        using var image = Open("xattrs", ReadLimits.Default with { MaxXattrsPerInode = 2 });
        var e = Assert.Throws<ErofsContentException>(() => image.ListXattrs(image.ResolvePath("/f0")!));
        Assert.Contains("more than 2 xattrs (limit MaxXattrsPerInode)", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
    }

    [Fact]
    public void XattrsLargerThanMaxXattrBytesIsAContentError()
    {
        using var image = Open("xattrs", ReadLimits.Default with { MaxXattrBytesPerInode = 20 });
        var e = Assert.Throws<ErofsContentException>(() => image.ListXattrs(image.ResolvePath("/f0")!));
        Assert.Contains("more than 20 bytes (limit MaxXattrBytesPerInode)", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
    }

    [Fact]
    public void ReadThatWouldDecompressMoreThanAllowedIsAContentError()
    {
        // /text is one 9000-byte extent: a 1-byte read decodes all of it.
        using var image = Open("mkfs15-lz4hc", ReadLimits.Default with { MaxDecompressedBytesPerRead = 1000 });
        var text = image.ResolvePath("/text")!;
        var e = Assert.Throws<ErofsContentException>(() => image.Read(text, 0, new byte[1]));
        Assert.Contains("would decompress 9000 bytes, more than the 1 asked for plus 1000 (limit MaxDecompressedBytesPerRead)", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
        // Asking for the whole extent pays for it.
        Assert.Equal(9000, image.Read(text, 0, new byte[9000]));
    }

    [Fact]
    public void PclusterLargerThanMaxPclusterIsAContentError()
    {
        using var image = Open("mkfs15-lz4hc", ReadLimits.Default with { MaxPclusterBytes = 2048 });
        var e = Assert.Throws<ErofsContentException>(() => image.OpenRead(image.ResolvePath("/text")!).CopyTo(Stream.Null));
        Assert.Contains("pcluster of 4096 bytes (limit MaxPclusterBytes 2048)", e.Message, StringComparison.Ordinal);
        Expect.Located(e);
    }

    [Theory]
    [InlineData("fsck", "--max-name=1", "(max 1)")]
    [InlineData("fsck", "--max-xattrs=1", "more than 1 xattrs")]
    [InlineData("ls", "--max-name=1", "(max 1)")]
    public void CliOptionsSetTheLimits(string command, string option, string expected)
    {
        using var scratch = new ScratchDirectory();
        string path = scratch["image.erofs"];
        File.WriteAllBytes(path, BuilderImages.Make("xattrs"));
        var (code, error) = Run(command, option, path);
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-name=256")]
    [InlineData("--max-pcluster=2M")]
    [InlineData("--max-depth=0")]
    [InlineData("--max-depth=x")]
    public void CliRejectsLimitsOutsideTheirRange(string option)
    {
        var (code, error) = Run("fsck", option, "/nonexistent.erofs");
        Assert.Equal(2, code);
        Assert.Contains(option.Split('=')[0], error, StringComparison.Ordinal);
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new CommandDispatcher(CommandDispatcher.AllCommands()).Run(args, new CommandContext(output, error, false));
        return (code, output + error.ToString());
    }

    private static byte[] BuildTree(SourceNode root)
    {
        using var scratch = new ScratchDirectory();
        Erofs.Building.ImageBuilder.Build(root, scratch["x.erofs"], new Erofs.Building.BuildOptions { Timestamp = 1_700_000_000, Threads = 1 });
        return File.ReadAllBytes(scratch["x.erofs"]);
    }
}
