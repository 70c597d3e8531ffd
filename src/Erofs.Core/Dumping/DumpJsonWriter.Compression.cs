using System.Text.Json;

namespace Erofs.Dumping;

public static partial class DumpJsonWriter
{
    /// <summary>Writes a compression summary as a JSON object value.</summary>
    public static void WriteCompression(Utf8JsonWriter writer, CompressionSummary c)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(c);
        writer.WriteStartObject();
        writer.WriteNumber("logical_bytes", c.LogicalBytes);
        writer.WriteNumber("stored_bytes", c.StoredBytes);
        RoundedOrNull(writer, "ratio", c.Ratio, 4);
        RoundedOrNull(writer, "stored_percent", c.StoredPercent, 2);
        writer.WriteNumber("extents", c.Extents);
        writer.WriteNumber("pclusters", c.Pclusters);
        writer.WriteNumber("partial_extents", c.PartialExtents);
        writer.WriteNumber("fragment_extents", c.FragmentExtents);
        writer.WriteNumber("fragment_bytes", c.FragmentBytes);
        writer.WriteNumber("hole_extents", c.HoleExtents);
        writer.WriteNumber("hole_bytes", c.HoleBytes);
        NumberOrNull(writer, "packed_extents", c.PackedExtents);
        NumberOrNull(writer, "packed_stored_bytes", c.PackedStoredBytes);
        writer.WriteBoolean("complete", c.IsComplete);
        writer.WriteStartArray("encodings");
        foreach (var e in c.Encodings)
        {
            writer.WriteStartObject();
            writer.WriteString("encoding", e.Name);
            writer.WriteNumber("extents", e.Extents);
            writer.WriteNumber("pclusters", e.Pclusters);
            writer.WriteNumber("stored_bytes", e.StoredBytes);
            writer.WriteNumber("logical_bytes", e.LogicalBytes);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void RoundedOrNull(Utf8JsonWriter writer, string name, double? value, int decimals)
    {
        if (value is { } v)
            writer.WriteNumber(name, Math.Round(v, decimals, MidpointRounding.AwayFromZero));
        else
            writer.WriteNull(name);
    }
}
