using System.Text.Encodings.Web;
using System.Text.Json;

namespace Erofs.Dumping;

/// <summary>
/// Writes dump reports as JSON with <see cref="Utf8JsonWriter"/> (no reflection: NativeAOT-safe).
/// Property names are snake_case and stable; every property is always written (null when it does
/// not apply). The schema is documented in docs/dump-json-schema.md.
/// </summary>
public static partial class DumpJsonWriter
{
    /// <summary>Version of the JSON layout, written as <c>schema_version</c>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writer options: optional indentation, and no HTML-minded escaping of '+', '&lt;', non-ASCII.</summary>
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the whole report as one JSON document to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, DumpReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, Options(indented));
        Write(writer, report);
    }

    /// <summary>The whole report as a JSON string.</summary>
    public static string ToJson(DumpReport report, bool indented = true)
    {
        using var buffer = new MemoryStream();
        Write(buffer, report, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the report as one JSON object: schema_version, superblock, statistics, inode.</summary>
    public static void Write(Utf8JsonWriter writer, DumpReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", SchemaVersion);
        Section(writer, "superblock", report.Superblock, WriteSuperblock);
        Section(writer, "statistics", report.Statistics, WriteStatistics);
        Section(writer, "inode", report.Inode, WriteInode);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Writes a superblock report as a JSON object value.</summary>
    public static void WriteSuperblock(Utf8JsonWriter writer, SuperblockReport r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        writer.WriteStartObject();
        writer.WriteString("magic", $"0x{r.Magic:x8}");
        writer.WriteNumber("block_size", r.BlockSize);
        writer.WriteNumber("blocks", r.Blocks);
        writer.WriteNumber("inode_count", r.InodeCount);
        writer.WriteNumber("root_nid", r.RootNid);
        writer.WriteNumber("meta_block_address", r.MetaBlockAddress);
        writer.WriteNumber("xattr_block_address", r.XattrBlockAddress);
        writer.WriteString("uuid", r.Uuid);
        writer.WriteString("volume_name", r.VolumeName);
        writer.WriteNumber("epoch", r.Epoch);
        writer.WriteNumber("build_time", r.BuildTime);
        writer.WriteNumber("fixed_nsec", r.FixedNanoseconds);
        writer.WriteNumber("creation_time", r.CreationTime);
        writer.WriteString("creation_time_utc", r.CreationTimeText);
        writer.WriteString("checksum", $"0x{r.Checksum:x8}");
        writer.WriteBoolean("has_checksum", r.HasChecksum);
        writer.WriteBoolean("checksum_verified", r.ChecksumVerified);
        WriteSuperblockFeatures(writer, r);
        writer.WriteEndObject();
    }

    private static void WriteSuperblockFeatures(Utf8JsonWriter writer, SuperblockReport r)
    {
        writer.WriteNumber("feature_compat", r.FeatureCompat);
        writer.WriteNumber("feature_incompat", r.FeatureIncompat);
        Strings(writer, "compat_features", r.CompatFeatures);
        Strings(writer, "incompat_features", r.IncompatFeatures);
        writer.WriteNumber("extension_slots", r.ExtensionSlots);
        Strings(writer, "compression_algorithms", r.CompressionAlgorithms);
        NumberOrNull(writer, "lz4_max_distance", r.Lz4MaxDistance);
        writer.WriteStartArray("devices");
        foreach (var d in r.Devices)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", d.Index);
            writer.WriteString("tag", d.Tag);
            writer.WriteNumber("blocks", d.Blocks);
            writer.WriteNumber("unified_address", d.UnifiedAddress);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        NumberOrNull(writer, "packed_nid", r.PackedNid);
        NumberOrNull(writer, "metabox_nid", r.MetaboxNid);
        writer.WriteString("fingerprint_xattr_name", r.FingerprintXattrName);
        Strings(writer, "long_xattr_prefixes", r.LongXattrPrefixes);
        Strings(writer, "problems", r.Problems);
    }

    /// <summary>Writes a statistics report as a JSON object value.</summary>
    public static void WriteStatistics(Utf8JsonWriter writer, StatisticsReport r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        writer.WriteStartObject();
        TypeCounts(writer, "paths", r.Paths);
        TypeCounts(writer, "inodes", r.Inodes);
        writer.WriteStartObject("layouts");
        writer.WriteNumber("flat_plain", r.Layouts.FlatPlain);
        writer.WriteNumber("flat_inline", r.Layouts.FlatInline);
        writer.WriteNumber("compressed_full", r.Layouts.CompressedFull);
        writer.WriteNumber("compressed_compact", r.Layouts.CompressedCompact);
        writer.WriteNumber("chunk_based", r.Layouts.ChunkBased);
        writer.WriteEndObject();
        writer.WriteNumber("total_file_bytes", r.TotalFileBytes);
        writer.WriteStartArray("size_distribution");
        foreach (var b in r.SizeDistribution)
        {
            writer.WriteStartObject();
            writer.WriteNumber("min_bytes", b.MinBytes);
            NumberOrNull(writer, "max_bytes", b.MaxBytes);
            writer.WriteNumber("count", b.Count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteStatisticsCounters(writer, r);
        writer.WriteEndObject();
    }

    private static void WriteStatisticsCounters(Utf8JsonWriter writer, StatisticsReport r)
    {
        writer.WriteNumber("hard_linked_files", r.HardLinkedFiles);
        writer.WriteNumber("extra_hard_links", r.ExtraHardLinks);
        writer.WriteNumber("compressed_files", r.CompressedFiles);
        writer.WriteNumber("compressed_file_bytes", r.CompressedFileBytes);
        Section(writer, "compression", r.Compression, WriteCompression);
        writer.WriteNumber("xattr_count", r.XattrCount);
        writer.WriteNumber("inodes_with_xattrs", r.InodesWithXattrs);
        writer.WriteNumber("fingerprinted_files", r.FingerprintedFiles);
        writer.WriteNumber("max_depth", r.MaxDepth);
        writer.WriteNumber("directory_loops", r.DirectoryLoops);
        writer.WriteNumber("depth_limit_hits", r.DepthLimitHits);
        writer.WriteNumber("unreadable_directories", r.UnreadableDirectories);
        writer.WriteBoolean("entry_limit_reached", r.EntryLimitReached);
        writer.WriteBoolean("extent_limit_reached", r.ExtentLimitReached);
        writer.WriteNumber("problem_count", r.ProblemCount);
        writer.WriteStartArray("problems");
        foreach (var p in r.Problems)
        {
            writer.WriteStartObject();
            writer.WriteString("path", p.Path);
            NumberOrNull(writer, "nid", p.Nid);
            writer.WriteString("message", p.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void TypeCounts(Utf8JsonWriter writer, string name, FileTypeCounts c)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("regular", c.Regular);
        writer.WriteNumber("directory", c.Directory);
        writer.WriteNumber("char_device", c.CharacterDevice);
        writer.WriteNumber("block_device", c.BlockDevice);
        writer.WriteNumber("fifo", c.Fifo);
        writer.WriteNumber("socket", c.Socket);
        writer.WriteNumber("symlink", c.Symlink);
        writer.WriteNumber("total", c.Total);
        writer.WriteEndObject();
    }

    private static void Section<T>(Utf8JsonWriter writer, string name, T? value, Action<Utf8JsonWriter, T> write) where T : class
    {
        writer.WritePropertyName(name);
        if (value is null)
            writer.WriteNullValue();
        else
            write(writer, value);
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
            writer.WriteStringValue(v);
        writer.WriteEndArray();
    }

    private static void NumberOrNull(Utf8JsonWriter writer, string name, ulong? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    private static void NumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }
}
