using System.Text.Json;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>The erofs-utils 1.9.3 reference images, found next to the repository.</summary>
internal static class DumpCorpus
{
    private static readonly Lazy<string> Repository = new(LocateRepository);
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The directory holding erofs.slnx.</summary>
    public static string RepositoryRoot => Repository.Value;

    public static string Directory => Root.Value;

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static ErofsImage Open(string file) => ErofsImage.Open(PathOf(file));

    private static string LocateRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no erofs.slnx above {AppContext.BaseDirectory}: cannot locate the repository");
    }

    private static string Locate()
    {
        string corpus = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "erofs-utils-1.9.3"));
        if (!System.IO.Directory.Exists(corpus))
            throw new DirectoryNotFoundException($"reference corpus missing: expected {corpus} (next to the repository at {RepositoryRoot})");
        return corpus;
    }

    /// <summary>One manifest line: path, octal mode, nlink, size and fingerprint digest when present.</summary>
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
