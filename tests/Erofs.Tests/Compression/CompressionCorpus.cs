using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Tests.Compression;

/// <summary>The erofs-utils 1.9.3 reference images at ../shared/corpus/erofs-utils-1.9.3 beside the repository.</summary>
internal static class CompressionCorpus
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The corpus directory.</summary>
    public static string Directory => Root.Value;

    /// <summary>Full path of a corpus file.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Reads the superblock of a corpus image.</summary>
    public static Superblock ReadSuperblock(IBlockSource source)
    {
        var bytes = new byte[Superblock.ReadSize];
        source.Read(Superblock.Position, bytes);
        return Superblock.Parse(bytes);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
                continue;
            var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "erofs-utils-1.9.3"));
            return System.IO.Directory.Exists(corpus)
                ? corpus
                : throw new DirectoryNotFoundException($"corpus not found at {corpus}");
        }
        throw new DirectoryNotFoundException($"no erofs.slnx above {AppContext.BaseDirectory}");
    }
}
