using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// A corpus manifest (<c>NAME.manifest.jsonl</c>): one JSON object per path, as the Linux kernel showed
/// the mounted image. Unknown keys and malformed lines make <see cref="Load"/> throw.
/// </summary>
public sealed class Manifest
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, ManifestEntry> _byPath;

    private Manifest(string source, List<ManifestEntry> entries)
    {
        Source = source;
        Entries = entries;
        _byPath = new Dictionary<string, ManifestEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!_byPath.TryAdd(entry.Path, entry))
            {
                throw new InvalidDataException($"{source}: path '{entry.Path}' appears twice.");
            }
        }
    }

    /// <summary>The file the manifest was read from.</summary>
    public string Source { get; }

    /// <summary>The entries in file order (sorted by path in the corpus).</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>The entry for a path; throws <see cref="KeyNotFoundException"/> if absent.</summary>
    public ManifestEntry this[string path] =>
        _byPath.TryGetValue(path, out var entry)
            ? entry
            : throw new KeyNotFoundException($"{Source}: no entry for '{path}'.");

    /// <summary>Looks up the entry for a path.</summary>
    public bool TryGet(string path, out ManifestEntry entry) => _byPath.TryGetValue(path, out entry!);

    /// <summary>Loads the manifest of a corpus image, e.g. <c>ForImage("plain")</c> or <c>ForImage("plain.erofs")</c>.</summary>
    public static Manifest ForImage(string imageName)
    {
        var stem = imageName.EndsWith(".erofs", StringComparison.Ordinal) ? imageName[..^".erofs".Length] : imageName;
        return Load(RepoPaths.CorpusFile(stem + ".manifest.jsonl"));
    }

    /// <summary>Parses a <c>.manifest.jsonl</c> file.</summary>
    public static Manifest Load(string path)
    {
        var entries = new List<ManifestEntry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                entries.Add(ParseLine(line));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {ex.Message}", ex);
            }
        }

        return new Manifest(path, entries);
    }

    /// <summary>Parses one manifest line.</summary>
    public static ManifestEntry ParseLine(string line)
    {
        var dto = JsonSerializer.Deserialize<LineDto>(line, JsonOptions)
            ?? throw new InvalidDataException("manifest line is null");

        var xattrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, base64) in dto.Xattrs ?? [])
        {
            xattrs.Add(name, Convert.FromBase64String(base64));
        }

        DeviceNumber? rdev = null;
        if (dto.Rdev != null)
        {
            if (dto.Rdev.Length != 2)
            {
                throw new InvalidDataException($"rdev must be [major, minor], got {dto.Rdev.Length} numbers");
            }

            rdev = new DeviceNumber(dto.Rdev[0], dto.Rdev[1]);
        }

        return new ManifestEntry
        {
            Path = dto.Path ?? throw new InvalidDataException("missing 'path'"),
            Mode = ParseOctalMode(dto.Mode ?? throw new InvalidDataException("missing 'mode'")),
            Uid = dto.Uid ?? throw new InvalidDataException("missing 'uid'"),
            Gid = dto.Gid ?? throw new InvalidDataException("missing 'gid'"),
            Nlink = dto.Nlink ?? throw new InvalidDataException("missing 'nlink'"),
            MtimeNs = dto.MtimeNs ?? throw new InvalidDataException("missing 'mtime_ns'"),
            Size = dto.Size,
            Sha256 = dto.Sha256,
            Target = dto.Target,
            Rdev = rdev,
            Xattrs = xattrs.Count == 0 ? ManifestEntry.EmptyXattrs : xattrs,
        };
    }

    /// <summary>Parses an octal mode string such as <c>0o100644</c> (the <c>0o</c> prefix is optional).</summary>
    public static uint ParseOctalMode(string text)
    {
        var digits = text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length == 0 || digits.Any(c => c is < '0' or > '7'))
        {
            throw new FormatException($"'{text}' is not an octal mode");
        }

        return Convert.ToUInt32(digits, 8);
    }

    private sealed class LineDto
    {
        [JsonPropertyName("path")]
        public string? Path { get; set; }

        [JsonPropertyName("mode")]
        public string? Mode { get; set; }

        [JsonPropertyName("uid")]
        public uint? Uid { get; set; }

        [JsonPropertyName("gid")]
        public uint? Gid { get; set; }

        [JsonPropertyName("nlink")]
        public uint? Nlink { get; set; }

        [JsonPropertyName("mtime_ns")]
        public long? MtimeNs { get; set; }

        [JsonPropertyName("size")]
        public long? Size { get; set; }

        [JsonPropertyName("sha256")]
        public string? Sha256 { get; set; }

        [JsonPropertyName("target")]
        public string? Target { get; set; }

        [JsonPropertyName("rdev")]
        public uint[]? Rdev { get; set; }

        [JsonPropertyName("xattrs")]
        public Dictionary<string, string>? Xattrs { get; set; }
    }
}
