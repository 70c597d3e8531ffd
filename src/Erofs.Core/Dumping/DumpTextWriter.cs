using System.Globalization;

namespace Erofs.Dumping;

/// <summary>
/// Writes dump reports as human-readable text: aligned <c>key: value</c> lines and tables.
/// No colors or terminal control; the caller decides about TTYs.
/// </summary>
public sealed partial class DumpTextWriter
{
    private const int KeyWidth = 26;
    private const string Indent = "  ";
    private readonly TextWriter _output;

    /// <summary>Creates a writer that writes to <paramref name="output"/>.</summary>
    public DumpTextWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes every section present in <paramref name="report"/>, separated by blank lines.</summary>
    public void Write(DumpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool any = false;
        if (report.Superblock is { } sb)
            Section(ref any, () => WriteSuperblock(sb));
        if (report.Statistics is { } stats)
            Section(ref any, () => WriteStatistics(stats));
        if (report.Inode is { } inode)
            Section(ref any, () => WriteInode(inode));
    }

    private void Section(ref bool any, Action write)
    {
        if (any)
            _output.WriteLine();
        write();
        any = true;
    }

    /// <summary>Writes the superblock section.</summary>
    public void WriteSuperblock(SuperblockReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        _output.WriteLine("Superblock");
        Field("Magic", $"0x{r.Magic:x8}");
        Field("Block size", Num(r.BlockSize));
        Field("Blocks", Num(r.Blocks));
        Field("Inode count", Num(r.InodeCount));
        Field("Root nid", Num(r.RootNid));
        Field("Meta block address", Num(r.MetaBlockAddress));
        Field("Xattr block address", Num(r.XattrBlockAddress));
        Field("UUID", r.Uuid);
        Field("Volume name", r.VolumeName);
        Field("Created", $"{r.CreationTimeText} ({Num(r.CreationTime)})");
        Field("Checksum", !r.HasChecksum ? "none" : $"0x{r.Checksum:x8} ({(r.ChecksumVerified ? "verified" : "not verified")})");
        Field("Features (compatible)", string.Join(' ', r.CompatFeatures));
        Field("Features (incompatible)", string.Join(' ', r.IncompatFeatures));
        Field("Extension slots", Num(r.ExtensionSlots));
        if (r.CompressionAlgorithms.Count > 0)
            Field("Compression algorithms", string.Join(' ', r.CompressionAlgorithms));
        if (r.Lz4MaxDistance is { } distance && distance != 0)
            Field("LZ4 max distance", Num(distance));
        OptionalField("Packed nid", r.PackedNid?.ToString(CultureInfo.InvariantCulture));
        OptionalField("Metabox nid", r.MetaboxNid?.ToString(CultureInfo.InvariantCulture));
        OptionalField("Fingerprint xattr", r.FingerprintXattrName);
        if (r.LongXattrPrefixes.Count > 0)
            Field("Long xattr prefixes", string.Join(' ', r.LongXattrPrefixes));
        WriteDevices(r.Devices);
        WriteProblems(r.Problems);
    }

    private void WriteDevices(IReadOnlyList<DeviceReport> devices)
    {
        if (devices.Count == 0)
            return;
        Field("Extra devices", Num(devices.Count));
        var table = new TextTable(("device", true), ("blocks", true), ("unified address", true), ("tag", false));
        foreach (var d in devices)
            table.Add(Num(d.Index), Num(d.Blocks), Num(d.UnifiedAddress), d.Tag);
        table.Write(_output, Indent + Indent);
    }

    private void WriteProblems(IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
            return;
        Field("Problems", Num(problems.Count));
        foreach (var p in problems)
            _output.WriteLine($"{Indent}{Indent}{p}");
    }

    private void Field(string key, string value) =>
        _output.WriteLine(value.Length == 0 ? $"{Indent}{key}:" : $"{Indent}{(key + ":").PadRight(KeyWidth)} {value}");

    private void OptionalField(string key, string? value)
    {
        if (value is not null)
            Field(key, value);
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A byte count as "N B", "N KiB", "N MiB" when exact, else with bytes in parentheses.</summary>
    private static string Bytes(long bytes) => bytes switch
    {
        0 => "0 B",
        _ when bytes % (1L << 20) == 0 => $"{Num(bytes >> 20)} MiB",
        _ when bytes % 1024 == 0 => $"{Num(bytes >> 10)} KiB",
        _ => $"{Num(bytes)} B",
    };
}
