using System.Globalization;
using Erofs.Reading;

namespace Erofs.Dumping;

public sealed partial class DumpTextWriter
{
    private const int BarWidth = 40;

    private static readonly (FileKind Kind, string Label)[] KindLabels =
    [
        (FileKind.Regular, "regular file"),
        (FileKind.Directory, "directory"),
        (FileKind.CharacterDevice, "char device"),
        (FileKind.BlockDevice, "block device"),
        (FileKind.Fifo, "fifo"),
        (FileKind.Socket, "socket"),
        (FileKind.Symlink, "symlink"),
    ];

    /// <summary>Writes the statistics section.</summary>
    public void WriteStatistics(StatisticsReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        _output.WriteLine("Statistics");
        Field("Entries (paths)", Num(r.Paths.Total));
        Field("Inodes", Num(r.Inodes.Total));
        Field("Total file size", $"{Num(r.TotalFileBytes)} bytes");
        Field("Hard-linked files", $"{Num(r.HardLinkedFiles)} ({Num(r.ExtraHardLinks)} extra links)");
        Field("Compressed files", $"{Num(r.CompressedFiles)} ({Num(r.CompressedFileBytes)} bytes uncompressed)");
        Field("Xattrs", $"{Num(r.XattrCount)} on {Num(r.InodesWithXattrs)} inodes");
        Field("Fingerprinted files", Num(r.FingerprintedFiles));
        Field("Deepest directory level", Num(r.MaxDepth));
        if (r.DirectoryLoops > 0 || r.DepthLimitHits > 0 || r.UnreadableDirectories > 0)
            Field("Skipped directories", $"{Num(r.DirectoryLoops)} loops, {Num(r.DepthLimitHits)} too deep, {Num(r.UnreadableDirectories)} unreadable");
        if (r.EntryLimitReached)
            Field("Walk stopped early", "more entries than the image can hold (reused directory blocks)");
        if (r.ExtentLimitReached)
            Field("Mapping stopped early", "more extents than the image's mapping records can describe");
        WriteCompressionFields(r.Compression, "Distinct stored ranges");
        _output.WriteLine();
        WriteTypeTable(r);
        _output.WriteLine();
        WriteLayoutTable(r.Layouts);
        _output.WriteLine();
        WriteStatisticsCompression(r.Compression);
        _output.WriteLine();
        WriteSizeDistribution(r);
        WriteWalkProblems(r);
    }

    private void WriteTypeTable(StatisticsReport r)
    {
        _output.WriteLine($"{Indent}File types:");
        var table = new TextTable(("type", false), ("paths", true), ("inodes", true));
        foreach (var (kind, label) in KindLabels)
            table.Add(label, Num(r.Paths[kind]), Num(r.Inodes[kind]));
        table.Add("total", Num(r.Paths.Total), Num(r.Inodes.Total));
        table.Write(_output, Indent + Indent);
    }

    private void WriteLayoutTable(LayoutCounts l)
    {
        _output.WriteLine($"{Indent}Data layouts (inodes):");
        var table = new TextTable(("layout", false), ("inodes", true));
        table.Add("flat_plain", Num(l.FlatPlain));
        table.Add("flat_inline", Num(l.FlatInline));
        table.Add("compressed_full", Num(l.CompressedFull));
        table.Add("compressed_compact", Num(l.CompressedCompact));
        table.Add("chunk_based", Num(l.ChunkBased));
        table.Write(_output, Indent + Indent);
    }

    private void WriteSizeDistribution(StatisticsReport r)
    {
        _output.WriteLine($"{Indent}File size distribution (regular files):");
        long total = r.SizeDistribution.Sum(b => b.Count);
        var table = new TextTable(("from", true), ("to", true), ("count", true), ("ratio", true), ("", false));
        foreach (var b in r.SizeDistribution)
        {
            double share = total == 0 ? 0 : (double)b.Count / total;
            string bar = new('#', (int)Math.Round(share * BarWidth));
            table.Add(Bytes(b.MinBytes), b.MaxBytes is { } max ? Bytes(max) : "", Num(b.Count),
                (share * 100).ToString("F2", CultureInfo.InvariantCulture) + "%", bar);
        }
        table.Write(_output, Indent + Indent);
    }

    private void WriteWalkProblems(StatisticsReport r)
    {
        if (r.ProblemCount == 0)
            return;
        _output.WriteLine();
        string shown = r.ProblemCount > r.Problems.Count ? $" (first {Num(r.Problems.Count)} shown)" : "";
        _output.WriteLine($"{Indent}Problems: {Num(r.ProblemCount)}{shown}");
        foreach (var p in r.Problems)
        {
            string nid = p.Nid is { } n ? $" (nid {Num(n)})" : "";
            _output.WriteLine($"{Indent}{Indent}{p.Path}{nid}: {p.Message}");
        }
    }
}
