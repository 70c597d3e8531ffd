using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

public sealed class DumpTextWriterTests
{
    private static string Render(string file, Func<Erofs.Reading.ErofsImage, DumpReport> build)
    {
        using var image = DumpCorpus.Open(file);
        var output = new StringWriter();
        new DumpTextWriter(output).Write(build(image));
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    [Fact]
    public void SuperblockSectionIsAlignedKeyValueLines()
    {
        string text = Render("fingerprint.erofs", i => new DumpReport { Superblock = SuperblockReport.Create(i) });
        var lines = Lines(text);
        Assert.Equal("Superblock", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  Block size:", StringComparison.Ordinal) && l.EndsWith(" 4096", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("5eed0000-0000-4000-8000-000000000001"));
        Assert.Contains(lines, l => l.Contains("2023-11-14T22:13:20Z"));
        Assert.Contains(lines, l => l.StartsWith("  Features (compatible):", StringComparison.Ordinal) && l.Contains("ishare_xattrs"));
        Assert.Contains(lines, l => l.StartsWith("  Fingerprint xattr:", StringComparison.Ordinal) && l.EndsWith("erofs.fingerprint.v1", StringComparison.Ordinal));
        // Values start in one column.
        var columns = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(": ")).Select(l => l.IndexOf(l.Split(':', 2)[1].TrimStart(), StringComparison.Ordinal)).Distinct();
        Assert.Single(columns);
    }

    [Fact]
    public void AllSectionsArePlainTextWithoutTrailingSpaces()
    {
        string text = Render("plain.erofs", i => new DumpReport
        {
            Superblock = SuperblockReport.Create(i),
            Statistics = StatisticsReport.Collect(i),
            Inode = InodeReport.ForPath(i, "/big/mixed"),
        });
        Assert.DoesNotContain('\u001b', text);
        Assert.All(Lines(text), l => Assert.Equal(l.TrimEnd(), l));
        Assert.Contains("Statistics", Lines(text));
        Assert.Contains(Lines(text), l => l.Trim().StartsWith("regular file", StringComparison.Ordinal) && l.Contains("3125") && l.Contains("3123"));
        Assert.Contains(Lines(text), l => l.Trim().StartsWith("total", StringComparison.Ordinal) && l.Contains("3200") && l.Contains("3198"));
    }

    [Fact]
    public void InodeSectionListsExtentsAsATable()
    {
        string text = Render("plain.erofs", i => new DumpReport { Inode = InodeReport.ForPath(i, "/big/mixed") });
        var lines = Lines(text);
        Assert.Contains(lines, l => l.StartsWith("  Path:", StringComparison.Ordinal) && l.EndsWith("/big/mixed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  Mode:", StringComparison.Ordinal) && l.Contains("0644 -rw-r--r--"));
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("#  logical", StringComparison.Ordinal));
        Assert.True(header > 0);
        var row0 = lines[header + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var row1 = lines[header + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0", "0", "159744", "159744", "plain", "0", "12288", "159744"], row0);
        Assert.Equal(["1", "159744", "160000", "256", "inline", "meta", "12000", "256"], row1);
    }

    [Fact]
    public void XattrsShowTextOrBase64()
    {
        string plain = Render("plain.erofs", i => new DumpReport { Inode = InodeReport.ForPath(i, "/xattr") });
        Assert.Contains("user.dir = \"on a directory\"", plain);
        string fingerprinted = Render("fingerprint.erofs", i => new DumpReport { Inode = InodeReport.ForPath(i, "/big/mixed") });
        Assert.Contains("erofs.fingerprint.v1 = base64:", fingerprinted);
        Assert.Contains("[hidden]", fingerprinted);
    }

    [Fact]
    public void WalkProblemsAreListed()
    {
        string text = Render("compressed-dirs.erofs", i => new DumpReport { Statistics = StatisticsReport.Collect(i) });
        Assert.Contains("  Problems: 1", Lines(text));
        Assert.Contains(Lines(text), l => l.Contains("/ (nid") && l.Contains("compressed directory"));
    }
}
