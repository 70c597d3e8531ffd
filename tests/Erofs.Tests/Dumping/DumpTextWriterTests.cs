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
        Assert.Equal(["0", "0", "159744", "159744", "plain", "0", "12288", "159744", "none", "-"], row0);
        Assert.Equal(["1", "159744", "160000", "256", "inline", "meta", "12000", "256", "none", "-"], row1);
    }

    [Fact]
    public void CompressedInodeShowsItsSummaryAndEncodings()
    {
        string text = Render("lz4hc.erofs", i => new DumpReport { Inode = InodeReport.ForPath(i, "/big/mixed") });
        var lines = Lines(text);
        // dump.erofs 1.5: "On-disk size: 81920", "Compression ratio: 51.20%".
        Assert.Contains("  Algorithms:                lz4 (2 pclusters), shifted (18 pclusters)", lines);
        Assert.Contains("  Pclusters:                 20 in 20 extents", lines);
        Assert.Contains("  Stored bytes:              81920 for 160000 logical bytes", lines);
        Assert.Contains("  Compression ratio:         1.95x (stored 51.20% of logical)", lines);
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("#  logical", StringComparison.Ordinal));
        Assert.EndsWith("encoding  partial", lines[header]);
        Assert.Equal(["9", "36864", "80582", "43718", "compressed", "0", "49152", "4096", "lz4", "-"],
            lines[header + 10].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void StatisticsShowTheTotalRatioAndAnEncodingTable()
    {
        string text = Render("large-zstd.erofs", i => new DumpReport { Statistics = StatisticsReport.Collect(i) });
        var lines = Lines(text);
        Assert.Contains(lines, l => l.StartsWith("  Compression ratio:", StringComparison.Ordinal) && l.Contains("x (stored "));
        Assert.Contains(lines, l => l.StartsWith("  Fragments:", StringComparison.Ordinal) && l.EndsWith("in the packed inode", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  Packed inode stored:", StringComparison.Ordinal));
        int header = Array.FindIndex(lines, l => l.Trim().StartsWith("encoding", StringComparison.Ordinal));
        Assert.True(header > 0);
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.Equal(["zstd", "interlaced", "fragment", "total"], rows);
    }

    [Fact]
    public void FragmentExtentsSayWhereTheyLive()
    {
        string text = Render("lz4-all-fragments-dedupe.erofs", i => new DumpReport { Inode = InodeReport.ForPath(i, "/dup/copy0.bin") });
        Assert.Contains(Lines(text), l => l.Trim().StartsWith("0 ", StringComparison.Ordinal) && l.Contains(" fragment ") && l.Contains(" packed "));
        Assert.Contains("  Compression ratio:         - (nothing stored: the data is in fragments or holes)", Lines(text));
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
        using var image = HostileImageTests.PatchedImage(o => o.Root.Nid);
        var output = new StringWriter();
        new DumpTextWriter(output).Write(new DumpReport { Statistics = StatisticsReport.Collect(image) });
        Assert.Contains("  Problems: 1", Lines(output.ToString()));
        Assert.Contains(Lines(output.ToString()), l => l.Contains("/deep/level0/level1 (nid") && l.Contains("loop"));
    }
}
