using Erofs.Extracting;
using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>
/// A directory entry that leads back to an ancestor makes the tree infinite: fsck must report it
/// and the extractor must finish instead of recursing forever.
/// </summary>
public sealed class DirectoryLoopTests
{
    [Theory]
    [InlineData("/deep/level0", "level1", "/deep")]
    [InlineData("/src", "pkg0", "/")]
    [InlineData("/src", "pkg0", "/src")]
    public void EntryPointingBackAtAnAncestorIsReportedByFsck(string parent, string entry, string ancestor)
    {
        var (image, ancestorNid) = MakeLoop(parent, entry, ancestor);
        var report = Expect.WalkDetects(image);
        Expect.FsckReports(report, ancestorNid, "reachable twice");
    }

    [Theory]
    [InlineData("/deep/level0", "level1", "/deep")]
    [InlineData("/src", "pkg0", "/")]
    public void ExtractorFinishesAndReportsADirectoryLoop(string parent, string entry, string ancestor)
    {
        var (image, ancestorNid) = MakeLoop(parent, entry, ancestor);
        using var scratch = new ScratchDirectory();
        var result = Bounded.Run(() =>
        {
            using var opened = image.Open();
            return new Extractor(opened).ExtractTo(scratch["out"]);
        }, "extraction of an image with a directory loop");
        Assert.Contains(result.Failures, f => f.Nid == ancestorNid && f.Message.Contains("reachable twice", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(scratch["out"] + parent, entry, entry)), "the loop was followed");
    }

    [Fact]
    public void TwoEntriesForOneDirectoryAreReportedByFsck()
    {
        // A hard-linked directory: not a loop, but the second path must not be walked again.
        var image = HostileImage.Load("plain");
        var entries = image.Dirents("/src");
        var pkg1 = entries.Single(d => d.Name == "pkg1");
        ulong pkg0 = entries.Single(d => d.Name == "pkg0").Entry.Nid;
        image.WriteU64(pkg1.DirentOffset + Dirent.Offsets.Nid, pkg0);
        Expect.FsckReports(Expect.WalkDetects(image), pkg0, "reachable twice");
    }

    private static (HostileImage Image, ulong AncestorNid) MakeLoop(string parent, string entry, string ancestor)
    {
        var image = HostileImage.Load("plain");
        var dirent = image.Dirents(parent).Single(d => d.Name == entry);
        ulong target = image.Inode(ancestor).Nid;
        image.WriteU64(dirent.DirentOffset + Dirent.Offsets.Nid, target);
        return (image, target);
    }
}
