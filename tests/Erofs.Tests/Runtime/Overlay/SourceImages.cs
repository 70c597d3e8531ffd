using System.Security.Cryptography;
using System.Text;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime.Overlay;

/// <summary>Source images for metadata image tests: built by our builder, with the objects of their files.</summary>
internal static class SourceImages
{
    /// <summary>Fixed UUID and image time; every inode keeps its own mtime.</summary>
    public static readonly BuildOptions Fixed = new() { Timestamp = 1700000000, TimestampAllInodes = false, Uuid = new byte[16] };

    /// <summary>Builds <paramref name="root"/> into <paramref name="path"/> and opens it.</summary>
    public static ErofsImage Build(SourceNode root, string path, BuildOptions? options = null)
    {
        ImageBuilder.Build(root, path, options ?? Fixed);
        return ErofsImage.Open(path);
    }

    /// <summary>The SHA-256 of every non-empty regular file, read back with our reader, by nid.</summary>
    public static Dictionary<ulong, Fingerprint> ObjectsOf(ErofsImage image)
    {
        var objects = new Dictionary<ulong, Fingerprint>();
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            var entry = step.Entry;
            if (step.Kind != ImageWalkStepKind.Entry || !walker.TryClaim(entry))
                continue;
            if (entry.Inode.Kind == FileKind.Directory)
                walker.Descend(entry);
            else if (entry.Inode is { Kind: FileKind.Regular, Size: > 0 } file)
            {
                using var stream = image.OpenRead(file);
                objects.Add(entry.Nid, Fingerprint.FromDigest(SHA256.HashData(stream)));
            }
        }
        return objects;
    }

    /// <summary>The child of <paramref name="dir"/> named <paramref name="name"/>.</summary>
    public static SourceNode Child(SourceNode dir, string name) =>
        dir.FindChild(Encoding.UTF8.GetBytes(name))?.Node ?? throw new KeyNotFoundException(name);

    /// <summary>A node's xattrs as sorted <c>name=value</c> lines (values as Latin-1, byte for byte).</summary>
    public static string[] Xattrs(SourceNode node) =>
        [.. node.Xattrs.Select(x => $"{x.Name}={Encoding.Latin1.GetString(x.Value)}").Order(StringComparer.Ordinal)];

    /// <summary>The xattrs of the inode at <paramref name="path"/> as the kernel would list them, in the same form.</summary>
    public static string[] Xattrs(ErofsImage image, string path) =>
        [.. image.ListXattrs(image.ResolvePath(path)!).Where(x => !x.IsHidden)
            .Select(x => $"{x.Name}={Encoding.Latin1.GetString(x.Value)}").Order(StringComparer.Ordinal)];

    /// <summary>The two markers that point a file at the object of <paramref name="content"/>.</summary>
    public static string[] Markers(byte[] content)
    {
        string hex = Convert.ToHexStringLower(SHA256.HashData(content));
        return ["trusted.overlay.metacopy=", $"trusted.overlay.redirect=/{hex[..2]}/{hex[2..]}"];
    }
}
