using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Tests.Compression;

/// <summary>The erofs-utils 1.9.3 reference images at ../shared/corpus/erofs-utils-1.9.3 beside the repository.</summary>
internal static class CompressionCorpus
{
    /// <summary>The corpus directory.</summary>
    public static string Directory => TestCorpus.Directory;

    /// <summary>Full path of a corpus file.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Reads the superblock of a corpus image.</summary>
    public static Superblock ReadSuperblock(IBlockSource source)
    {
        var bytes = new byte[Superblock.ReadSize];
        source.Read(Superblock.Position, bytes);
        return Superblock.Parse(bytes);
    }
}
