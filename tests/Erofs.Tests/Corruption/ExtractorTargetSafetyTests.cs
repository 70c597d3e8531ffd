using Erofs.Extracting;
using Erofs.Format;
using Erofs.Tests.Corruption.Regression;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Extraction never writes outside its target: not through symlinks already in the target (with
/// overwrite), not through names with '/', not through '..' entries that point elsewhere; and the
/// openat2 guard refuses symlinked or escaping parents on its own.
/// </summary>
public sealed class ExtractorTargetSafetyTests
{
    [Theory]
    [InlineData("sub")]
    [InlineData("sub/deeper")]
    public void OverwriteReplacesASymlinkInTheTargetInsteadOfFollowingIt(string linkedDirectory)
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch["outside"]);
        string target = scratch["out"];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, linkedDirectory))!);
        File.CreateSymbolicLink(Path.Combine(target, linkedDirectory), scratch["outside"]);
        var result = Extract("inline", target, overwrite: true);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch["outside"]));
        Assert.Null(new DirectoryInfo(Path.Combine(target, linkedDirectory)).LinkTarget);
        Assert.True(File.Exists(Path.Combine(target, "sub/deeper/leaf")));
    }

    [Fact]
    public void NameWithASlashIsReportedAndCreatesNothing()
    {
        using var scratch = new ScratchDirectory();
        var bytes = HostileRecipes.All.Single(c => c.File == "name-with-slash.erofs").Make();
        var result = Extract(HostileImage.FromBytes("name-with-slash", bytes), scratch["out"]);
        Assert.Contains(result.Failures, f => f.Message.Contains("containing NUL or '/'", StringComparison.Ordinal));
        Assert.False(Directory.Exists(scratch["out/he"]) || File.Exists(scratch["out/he"]));
    }

    [Fact]
    public void DotDotEntryPointingElsewhereIsNotFollowed()
    {
        var image = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        var dotdot = image.Dirents("/sub/deeper").Single(d => d.Name == "..");
        image.WriteU64(dotdot.DirentOffset + Dirent.Offsets.Nid, image.Inode("/sub/deeper").Nid);
        image.FixChecksum();
        using var scratch = new ScratchDirectory();
        var result = Extract(image, scratch["out"]);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(["deeper"], Directory.EnumerateDirectories(scratch["out/sub"]).Select(Path.GetFileName));
        Assert.Equal(["leaf"], Directory.EnumerateFileSystemEntries(scratch["out/sub/deeper"]).Select(Path.GetFileName));
        using var opened = image.Open();
        Assert.Contains(new Checking.ImageChecker(opened).Check(), i => i.Message.Contains("'..' points to", StringComparison.Ordinal));
    }

    [Fact]
    public void GuardRefusesSymlinkedAndEscapingParents()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch["out/real"]);
        File.CreateSymbolicLink(scratch["out/link"], scratch["out/real"]);
        using var root = new TargetRoot(scratch["out"]);
        root.RequireBeneath(scratch["out"]);
        root.RequireBeneath(scratch["out/real"]);
        Assert.Contains("without symlinks", Assert.Throws<IOException>(() => root.RequireBeneath(scratch["out/link"])).Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => root.RequireBeneath(scratch.Path));
        Assert.Throws<IOException>(() => root.RequireBeneath("/tmp"));
    }

    private static ExtractResult Extract(string variant, string target, bool overwrite = false) =>
        Extract(HostileImage.FromBytes(variant, BuilderImages.Make(variant)), target, overwrite);

    private static ExtractResult Extract(HostileImage image, string target, bool overwrite = false) => Bounded.Run(() =>
    {
        using var opened = image.Open();
        return new Extractor(opened, new ExtractOptions { Overwrite = overwrite }).ExtractTo(target);
    }, "extraction");
}
