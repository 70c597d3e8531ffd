using System.Text.Json;

namespace Erofs.Dumping;

public static partial class DumpJsonWriter
{
    /// <summary>Writes an inode report as a JSON object value.</summary>
    public static void WriteInode(Utf8JsonWriter writer, InodeReport r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        writer.WriteStartObject();
        writer.WriteNumber("nid", r.Nid);
        writer.WriteString("path", r.Path);
        writer.WriteString("type", r.KindName);
        writer.WriteNumber("mode", r.Mode);
        writer.WriteString("mode_octal", r.ModeOctal);
        writer.WriteString("permissions", r.PermissionsOctal);
        writer.WriteString("mode_string", r.ModeString);
        writer.WriteNumber("uid", r.Uid);
        writer.WriteNumber("gid", r.Gid);
        writer.WriteNumber("nlink", r.Nlink);
        writer.WriteNumber("size", r.Size);
        writer.WriteNumber("mtime", r.MtimeSeconds);
        writer.WriteNumber("mtime_nsec", r.MtimeNanoseconds);
        writer.WriteString("mtime_utc", r.MtimeText);
        WriteInodeLayout(writer, r);
        WriteXattrs(writer, r.Xattrs);
        WriteExtents(writer, r);
        WriteTypeSpecific(writer, r);
        Strings(writer, "problems", r.Problems);
        writer.WriteEndObject();
    }

    private static void WriteInodeLayout(Utf8JsonWriter writer, InodeReport r)
    {
        writer.WriteString("layout", r.LayoutName);
        writer.WriteString("form", r.Form);
        writer.WriteNumber("inode_size", r.InodeSize);
        writer.WriteBoolean("in_metabox", r.InMetabox);
        writer.WriteNumber("location", r.Location);
        writer.WriteNumber("ino", r.Ino);
        writer.WriteNumber("xattr_size", r.XattrSize);
        NumberOrNull(writer, "chunk_size", r.ChunkSize);
    }

    private static void WriteXattrs(Utf8JsonWriter writer, IReadOnlyList<XattrReport> xattrs)
    {
        writer.WriteStartArray("xattrs");
        foreach (var x in xattrs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", x.Name);
            string? text = x.Text;
            writer.WriteString("value", text ?? x.Base64);
            writer.WriteString("encoding", text is null ? "base64" : "text");
            writer.WriteNumber("value_size", x.Value.Length);
            writer.WriteBoolean("hidden", x.IsHidden);
            writer.WriteBoolean("shared", x.IsShared);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteExtents(Utf8JsonWriter writer, InodeReport r)
    {
        writer.WritePropertyName("extents");
        if (r.Extents is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartArray();
            foreach (var e in r.Extents)
            {
                writer.WriteStartObject();
                writer.WriteNumber("logical_offset", e.LogicalOffset);
                writer.WriteNumber("length", e.Length);
                writer.WriteString("kind", DumpFormat.ExtentKindToken(e.Kind));
                writer.WriteNumber("device", e.Device);
                writer.WriteNumber("physical_offset", e.PhysicalOffset);
                writer.WriteNumber("physical_length", e.PhysicalLength);
                writer.WriteString("encoding", DumpFormat.EncodingToken(e.Encoding));
                writer.WriteBoolean("partial", e.IsPartial);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteBoolean("extents_truncated", r.ExtentsTruncated);
        writer.WriteString("extents_note", r.ExtentsNote);
        Section(writer, "compression", r.Compression, WriteCompression);
    }

    private static void WriteTypeSpecific(Utf8JsonWriter writer, InodeReport r)
    {
        NumberOrNull(writer, "entry_count", r.EntryCount);
        writer.WriteString("symlink_target", r.SymlinkTarget);
        NumberOrNull(writer, "device_major", r.DeviceMajor);
        NumberOrNull(writer, "device_minor", r.DeviceMinor);
        writer.WriteString("fingerprint", r.Fingerprint);
    }
}
