using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime.Sharing;
using Erofs.Tests.Building;

namespace Erofs.Tests.Runtime.Sharing;

/// <summary>
/// Images for publishing-ahead tests: one directory "/d" of named entries (files, or null for a
/// subdirectory), built with fingerprints; and the directory walk over an open image that a mount's
/// listings would give.
/// </summary>
internal static class AheadImage
{
    public static void Build(string path, IEnumerable<(string Name, byte[]? Content)> entries)
    {
        var root = SourceNode.NewDirectory();
        var d = root.Add("d", SourceNode.NewDirectory());
        foreach (var (name, content) in entries)
            d.Add(name, content is null ? SourceNode.NewDirectory() : SourceTrees.File(content));
        ImageBuilder.Build(root, path, new BuildOptions { Timestamp = 1, Uuid = new byte[16], FingerprintXattrName = "erofs.fingerprint.v1" });
    }

    /// <summary>Overwrites the stored bytes of <paramref name="treePath"/> with <paramref name="content"/> (same length, block-aligned data): its fingerprint now lies.</summary>
    public static void Falsify(string path, string treePath, byte[] content)
    {
        List<Extent> extents;
        using (var image = ErofsImage.Open(path))
            extents = [.. image.GetExtents(image.ResolvePath(treePath)!)];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        foreach (var extent in extents)
        {
            Assert.Equal(ExtentKind.Plain, extent.Kind);
            RandomAccess.Write(file, content.AsSpan((int)extent.LogicalOffset, (int)extent.Length), extent.PhysicalOffset);
        }
    }

    /// <summary>Directory listings straight from the image, as the file system's listing cache gives them.</summary>
    public sealed class Siblings(ErofsImage image) : IDirectorySiblings
    {
        public bool TryFind(ulong directory, ulong nid, out IReadOnlyList<DirectoryEntry> entries, out int index)
        {
            entries = [.. image.ReadDirectory(image.GetInode(directory))];
            index = entries.ToList().FindIndex(e => e.Nid == nid);
            return index >= 0;
        }

        public InodeInfo Inode(ulong nid) => image.GetInode(nid);
    }
}
