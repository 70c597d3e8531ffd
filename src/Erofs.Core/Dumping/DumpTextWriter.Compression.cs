using System.Globalization;

namespace Erofs.Dumping;

public sealed partial class DumpTextWriter
{
    // The summary lines shared by the inode and statistics sections.
    private void WriteCompressionFields(CompressionSummary c, string rangesKey)
    {
        string packedExtents = c.PackedExtents is { } p && p > 0 ? $" and {Num(p)} packed-inode {Plural(p, "extent")}" : "";
        Field(rangesKey, $"{Num(c.Pclusters)} in {Num(c.Extents)} {Plural(c.Extents, "extent")}{packedExtents}");
        Field("Stored bytes", $"{Num(c.StoredBytes)} for {Num(c.LogicalBytes)} logical bytes");
        Field("Compression ratio", RatioText(c));
        if (c.FragmentExtents > 0)
            Field("Fragments", $"{Num(c.FragmentExtents)} {Plural(c.FragmentExtents, "extent")}, {Num(c.FragmentBytes)} bytes in the packed inode");
        if (c.PackedStoredBytes is { } packed && packed > 0)
            Field("Packed inode stored", $"{Num(packed)} bytes (included above)");
        if (c.HoleExtents > 0)
            Field("Holes", $"{Num(c.HoleExtents)} {Plural(c.HoleExtents, "extent")}, {Num(c.HoleBytes)} bytes");
        if (c.PartialExtents > 0)
            Field("Partial extents", Num(c.PartialExtents));
        if (!c.IsComplete)
            Field("Compression summary", "incomplete: not every extent was counted");
    }

    private void WriteInodeCompression(CompressionSummary? c)
    {
        if (c is null)
            return;
        string algorithms = string.Join(", ", c.Encodings.Select(e => $"{e.Name} ({Num(e.Pclusters)} {Plural(e.Pclusters, "pcluster")})"));
        Field("Algorithms", algorithms.Length == 0 ? "none (no pclusters of its own)" : algorithms);
        WriteCompressionFields(c, "Pclusters");
    }

    private void WriteStatisticsCompression(CompressionSummary c)
    {
        string packed = c.PackedStoredBytes > 0 ? "; pclusters and stored bytes include the packed inode's" : "";
        _output.WriteLine($"{Indent}Data by encoding (regular files{packed}):");
        var table = new TextTable(("encoding", false), ("extents", true), ("pclusters", true), ("stored", true), ("logical", true));
        foreach (var e in c.Encodings)
            table.Add(e.Name, Num(e.Extents), Num(e.Pclusters), Num(e.StoredBytes), Num(e.LogicalBytes));
        if (c.FragmentExtents > 0)
            table.Add("fragment", Num(c.FragmentExtents), "-", "-", Num(c.FragmentBytes));
        if (c.HoleExtents > 0)
            table.Add("hole", Num(c.HoleExtents), "-", "-", Num(c.HoleBytes));
        table.Add("total", Num(c.Extents), Num(c.Pclusters), Num(c.StoredBytes), Num(c.LogicalBytes));
        table.Write(_output, Indent + Indent);
    }

    private static string RatioText(CompressionSummary c) => (c.Ratio, c.StoredPercent) switch
    {
        ({ } ratio, { } percent) => $"{Fixed(ratio)}x (stored {Fixed(percent)}% of logical)",
        (null, _) when c.LogicalBytes > 0 => "- (nothing stored: the data is in fragments or holes)",
        _ => "-",
    };

    private static string Fixed(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Plural(long count, string word) => count == 1 ? word : word + "s";
}
