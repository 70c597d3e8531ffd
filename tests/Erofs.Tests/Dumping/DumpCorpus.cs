using System.Text.Json;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>The erofs-utils 1.9.3 reference images, found next to the repository.</summary>
internal static class DumpCorpus
{

    /// <summary>The directory holding erofs.slnx.</summary>
    public static string RepositoryRoot => TestCorpus.Repository;

    public static string Directory => TestCorpus.Directory;

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static ErofsImage Open(string file) => ErofsImage.Open(PathOf(file));

    public sealed record ManifestEntry(string Path, int Mode, long Nlink, long? Size, string? Sha256, int XattrCount);

    public static List<ManifestEntry> Manifest(string file)
    {
        var entries = new List<ManifestEntry>();
        foreach (var line in File.ReadLines(PathOf(file)))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            string mode = e.GetProperty("mode").GetString()!;
            entries.Add(new ManifestEntry(
                e.GetProperty("path").GetString()!,
                Convert.ToInt32(mode.StartsWith("0o", StringComparison.Ordinal) ? mode[2..] : mode, 8),
                e.GetProperty("nlink").GetInt64(),
                e.TryGetProperty("size", out var size) ? size.GetInt64() : null,
                e.TryGetProperty("sha256", out var sha) ? sha.GetString() : null,
                e.TryGetProperty("xattrs", out var x) ? x.EnumerateObject().Count() : 0));
        }
        return entries;
    }
}
