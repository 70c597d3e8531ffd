using System.Collections.Concurrent;

namespace Erofs.Tests.Corruption;

/// <summary>
/// The erofs-utils 1.9.3 reference images, found relative to the repository root
/// (the directory holding erofs.slnx) at ../shared/corpus/erofs-utils-1.9.3.
/// Missing files throw: a hostile-input test that silently skips proves nothing.
/// </summary>
internal static class Corpus
{
    private const string RelativeDirectory = "../shared/corpus/erofs-utils-1.9.3";
    private static readonly Lazy<string> LazyDirectory = new(Find);
    private static readonly ConcurrentDictionary<string, byte[]> Pristine = new();

    public static string Directory => LazyDirectory.Value;

    /// <summary>Absolute path of a corpus file such as "plain.erofs" or "blobdev.blob".</summary>
    public static string PathOf(string fileName)
    {
        string path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"corpus file {fileName} is missing from {Directory}", path);
        return path;
    }

    /// <summary>A fresh, writable copy of image <paramref name="name"/> (without ".erofs").</summary>
    public static byte[] Load(string name) => (byte[])Bytes(name + ".erofs").Clone();

    /// <summary>A fresh copy of any corpus file (extra devices: "blobdev.blob").</summary>
    public static byte[] LoadFile(string fileName) => (byte[])Bytes(fileName).Clone();

    private static byte[] Bytes(string fileName) => Pristine.GetOrAdd(fileName, f => File.ReadAllBytes(PathOf(f)));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
                continue;
            string corpus = Path.GetFullPath(Path.Combine(dir.FullName, RelativeDirectory));
            if (!File.Exists(Path.Combine(corpus, "INDEX.txt")))
                throw new DirectoryNotFoundException($"reference corpus not found at {corpus} ({RelativeDirectory} from the repository root {dir.FullName})");
            return corpus;
        }
        throw new DirectoryNotFoundException($"no directory above {AppContext.BaseDirectory} holds erofs.slnx");
    }
}
