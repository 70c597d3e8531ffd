namespace Erofs.Dumping;

public sealed partial class ErofsUtilsTextWriter
{
    /// <summary>Writes <c>dump.erofs -S</c>: counts, sizes and the three distributions.</summary>
    public void WriteStatistics(ErofsUtilsStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Line($"Filesystem total file count:\t\t{Num(s.Files)}");
        for (int i = 0; i < ErofsUtilsStatistics.CategoryLabels.Count; i++)
            Line($"Filesystem {ErofsUtilsStatistics.CategoryLabels[i]} count:\t\t{Num(s.Categories[i])}");
        Line($"Filesystem compressed files:            {Num(s.CompressedFiles)}");
        Line($"Filesystem uncompressed files:          {Num(s.UncompressedFiles)}");
        Line($"Filesystem total original file size:    {Num(s.TotalOriginalSize)} Bytes");
        Line($"Filesystem total file size:             {Num(s.TotalSize)} Bytes");
        Line($"Filesystem compress rate:               {CFormat.Percent(s.TotalSize, s.TotalOriginalSize)}%");
        WriteSizeChart("Original", s.OriginalSizes, s.RegularFiles);
        WriteSizeChart("On-disk", s.OnDiskSizes, s.RegularFiles);
        Line("");
        Line("File type distribution:");
        ChartHeader("type");
        for (int i = 0; i < ErofsUtilsFileTypes.Labels.Count; i++)
            ChartRow(ErofsUtilsFileTypes.Labels[i].PadRight(17), s.FileTypes[i], s.RegularFiles);
    }

    // Buckets in KiB, each twice the last; the last is open-ended.
    private void WriteSizeChart(string title, IReadOnlyList<long> counts, long regularFiles)
    {
        Line("");
        Line($"{title} file size distribution:");
        ChartHeader(">=(KB) .. <(KB) ");
        uint lower = 0, upper = 1;
        for (int i = 0; i < counts.Count; i++)
        {
            string range = i == counts.Count - 1 ? $"{Num(lower),6} .." : $"{Num(lower),6} .. {Num(upper),-6}";
            ChartRow(range, counts[i], regularFiles);
            lower = upper;
            upper <<= 1;
        }
    }

    private void ChartHeader(string first) => Line($"{first,-16} {"count",11} {"ratio",16} |{"distribution",-50}|");

    // "%-16s\t%-11d %8.2f%% |%-50s|": the count is a C unsigned int printed as int, the ratio is
    // taken against regular-file paths (so the on-disk chart, which holds the packed inode too,
    // can pass 100%), and each 2% earns one '#', rounded down.
    private void ChartRow(string label, long count, long regularFiles)
    {
        uint value = unchecked((uint)count);
        double ratio = regularFiles != 0 ? unchecked(100 * value) / (double)(ulong)regularFiles : 0.0;
        int bar = (int)Math.Min(ratio / 2, 399);
        string shown = Num(unchecked((int)value));
        Line($"{label,-16}\t{shown,-11} {CFormat.Fixed(ratio, 2),8}% |{new string('#', bar),-50}|");
    }
}
