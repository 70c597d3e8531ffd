using System.Collections.Concurrent;

namespace Erofs.Tests.Corruption;

/// <summary>
/// The erofs-utils 1.9.3 reference images, found relative to the repository root
/// (the directory holding erofs.slnx) at ../shared/corpus/erofs-utils-1.9.3.
/// Missing files throw: a hostile-input test that silently skips proves nothing.
/// </summary>
internal static class Corpus
{
    private static readonly ConcurrentDictionary<string, byte[]> Pristine = new();

    public static string Directory => TestCorpus.Directory;

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
}
