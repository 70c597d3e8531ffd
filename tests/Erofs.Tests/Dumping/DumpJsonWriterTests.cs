using System.Text.Json;
using System.Text.RegularExpressions;
using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

public sealed partial class DumpJsonWriterTests
{
    private static JsonDocument Dump(string file, string path, bool statistics = true)
    {
        using var image = DumpCorpus.Open(file);
        return Dump(image, path, statistics);
    }

    private static JsonDocument Dump(Erofs.Reading.ErofsImage image, string path, bool statistics)
    {
        var report = new DumpReport
        {
            Superblock = SuperblockReport.Create(image),
            Statistics = statistics ? StatisticsReport.Collect(image) : null,
            Inode = InodeReport.ForPath(image, path),
        };
        return JsonDocument.Parse(DumpJsonWriter.ToJson(report));
    }

    [Fact]
    public void PlainImageRoundTripsWithRealValues()
    {
        using var doc = Dump("plain.erofs", "/big/mixed");
        var root = doc.RootElement;
        Assert.Equal(DumpJsonWriter.SchemaVersion, root.GetProperty("schema_version").GetInt32());

        var sb = root.GetProperty("superblock");
        Assert.Equal(4096, sb.GetProperty("block_size").GetInt32());
        Assert.Equal("5eed0000-0000-4000-8000-000000000001", sb.GetProperty("uuid").GetString());
        Assert.Equal(1700000000, sb.GetProperty("creation_time").GetInt64());
        Assert.Equal("2023-11-14T22:13:20Z", sb.GetProperty("creation_time_utc").GetString());
        Assert.Contains("sb_csum", sb.GetProperty("compat_features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, sb.GetProperty("fingerprint_xattr_name").ValueKind);

        var stats = root.GetProperty("statistics");
        Assert.Equal(3200, stats.GetProperty("paths").GetProperty("total").GetInt64());
        Assert.Equal(3198, stats.GetProperty("inodes").GetProperty("total").GetInt64());
        Assert.Equal(StatisticsReport.SizeBucketCount, stats.GetProperty("size_distribution").GetArrayLength());

        var inode = root.GetProperty("inode");
        Assert.Equal("/big/mixed", inode.GetProperty("path").GetString());
        Assert.Equal(160000, inode.GetProperty("size").GetInt64());
        Assert.Equal("-rw-r--r--", inode.GetProperty("mode_string").GetString());
        var extents = inode.GetProperty("extents").EnumerateArray().ToList();
        Assert.Equal(160000, extents.Sum(e => e.GetProperty("length").GetInt64()));
        Assert.Equal(["plain", "inline"], extents.Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public void BinaryXattrsAreBase64AndFingerprintIsHex()
    {
        using var doc = Dump("fingerprint.erofs", "/big/mixed", statistics: false);
        var inode = doc.RootElement.GetProperty("inode");
        var xattr = inode.GetProperty("xattrs").EnumerateArray().Single();
        Assert.Equal("erofs.fingerprint.v1", xattr.GetProperty("name").GetString());
        Assert.Equal("base64", xattr.GetProperty("encoding").GetString());
        Assert.True(xattr.GetProperty("hidden").GetBoolean());
        byte[] raw = Convert.FromBase64String(xattr.GetProperty("value").GetString()!);
        Assert.Equal(xattr.GetProperty("value_size").GetInt32(), raw.Length);
        Assert.StartsWith("sha256:", inode.GetProperty("fingerprint").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("statistics").ValueKind);
    }

    [Fact]
    public void CompressedInodeHasEncodedExtentsAndASummary()
    {
        using var doc = Dump("lz4-ztailpacking.erofs", "/big/mixed", statistics: false);
        var inode = doc.RootElement.GetProperty("inode");
        var extents = inode.GetProperty("extents").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, inode.GetProperty("extents_note").ValueKind);
        Assert.Equal(("inline", "lz4"), (extents[^1].GetProperty("kind").GetString(), extents[^1].GetProperty("encoding").GetString()));
        Assert.All(extents, e => Assert.False(e.GetProperty("partial").GetBoolean()));
        var c = inode.GetProperty("compression");
        Assert.Equal(160000, c.GetProperty("logical_bytes").GetInt64());
        long stored = c.GetProperty("stored_bytes").GetInt64();
        Assert.Equal(Math.Round(160000.0 / stored, 4), c.GetProperty("ratio").GetDouble());
        Assert.Equal(Math.Round(stored * 100.0 / 160000, 2), c.GetProperty("stored_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("packed_stored_bytes").ValueKind);
        Assert.Equal(["lz4", "shifted"], c.GetProperty("encodings").EnumerateArray().Select(e => e.GetProperty("encoding").GetString()));
    }

    [Fact]
    public void StatisticsCarryTheImageCompression()
    {
        using var doc = Dump("large-zstd.erofs", "/", statistics: true);
        var stats = doc.RootElement.GetProperty("statistics");
        var c = stats.GetProperty("compression");
        Assert.False(stats.GetProperty("extent_limit_reached").GetBoolean());
        Assert.True(c.GetProperty("complete").GetBoolean());
        Assert.True(c.GetProperty("fragment_extents").GetInt64() > 0);
        Assert.True(c.GetProperty("packed_stored_bytes").GetInt64() > 0);
        Assert.Equal(stats.GetProperty("total_file_bytes").GetInt64(), c.GetProperty("logical_bytes").GetInt64());
        Assert.Equal(c.GetProperty("stored_bytes").GetInt64(), c.GetProperty("encodings").EnumerateArray().Sum(e => e.GetProperty("stored_bytes").GetInt64()));
    }

    [Fact]
    public void EveryObjectHasExactlyTheDocumentedProperties()
    {
        var documented = DocumentedProperties();
        using var doc = Dump("blobdev.erofs", "/xattr");
        var root = doc.RootElement;
        var sb = root.GetProperty("superblock");
        var stats = root.GetProperty("statistics");
        var inode = root.GetProperty("inode");
        var objects = new Dictionary<string, JsonElement>
        {
            ["document"] = root,
            ["superblock"] = sb,
            ["device"] = sb.GetProperty("devices")[0],
            ["statistics"] = stats,
            ["type_counts"] = stats.GetProperty("paths"),
            ["layouts"] = stats.GetProperty("layouts"),
            ["size_bucket"] = stats.GetProperty("size_distribution")[0],
            ["inode"] = inode,
            ["xattr"] = inode.GetProperty("xattrs")[0],
            ["extent"] = inode.GetProperty("extents")[0],
            ["compression_summary"] = stats.GetProperty("compression"),
            ["encoding_usage"] = stats.GetProperty("compression").GetProperty("encodings")[0],
        };
        using var looped = HostileImageTests.PatchedImage(o => o.Root.Nid);
        using var problems = Dump(looped, "/", statistics: true);
        objects["problem"] = problems.RootElement.GetProperty("statistics").GetProperty("problems")[0];
        using var compressed = Dump("lz4.erofs", "/big/mixed", statistics: false);
        Assert.Equal(documented["compression_summary"], compressed.RootElement.GetProperty("inode").GetProperty("compression").EnumerateObject().Select(p => p.Name).ToList());

        Assert.Equal(documented.Keys.Order(), objects.Keys.Order());
        foreach (var (name, element) in objects)
            Assert.Equal(documented[name], element.EnumerateObject().Select(p => p.Name).ToList());
    }

    // Reads "### `name` object" headings and the "| `property` |" rows of their tables.
    private static Dictionary<string, List<string>> DocumentedProperties()
    {
        var result = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in File.ReadLines(Path.Combine(DumpCorpus.RepositoryRoot, "docs", "dump-json-schema.md")))
        {
            if (Heading().Match(line) is { Success: true } h)
                result[h.Groups[1].Value] = current = [];
            else if (current is not null && Row().Match(line) is { Success: true } r)
                current.Add(r.Groups[1].Value);
        }
        Assert.NotEmpty(result);
        return result;
    }

    [GeneratedRegex(@"^### `(\w+)` object")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `(\w+)` \|")]
    private static partial Regex Row();
}
