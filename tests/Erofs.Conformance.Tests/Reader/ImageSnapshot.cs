using System.Security.Cryptography;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Reader;

/// <summary>
/// What our reader sees in an image, in the corpus manifest's shape, so the same comparer judges
/// our reader against the kernel's manifest, a kernel mount, or a source tree.
/// </summary>
internal static class ImageSnapshot
{
    public static List<ManifestEntry> Capture(ErofsImage image)
    {
        var entries = new List<ManifestEntry> { Entry(image, image.Root, "/") };
        var pending = new Stack<(InodeInfo Dir, string Path)>();
        pending.Push((image.Root, "/"));
        while (pending.Count > 0)
        {
            var (dir, path) = pending.Pop();
            foreach (var d in image.ReadDirectory(dir))
            {
                if (d.IsDotOrDotDot)
                    continue;
                string child = path == "/" ? "/" + d.Name : path + "/" + d.Name;
                var inode = image.GetInode(d.Nid);
                entries.Add(Entry(image, inode, child));
                if (inode.Kind == FileKind.Directory)
                    pending.Push((inode, child));
            }
        }
        return entries;
    }

    private static ManifestEntry Entry(ErofsImage image, InodeInfo inode, string path) => new()
    {
        Path = path,
        Mode = inode.Mode,
        Uid = inode.Uid,
        Gid = inode.Gid,
        Nlink = inode.Nlink,
        MtimeNs = inode.MtimeSeconds * 1_000_000_000L + inode.MtimeNanoseconds,
        Size = inode.Kind == FileKind.Regular ? (long)inode.Size : null,
        Sha256 = inode.Kind == FileKind.Regular ? Sha256Hex(image, inode) : null,
        Target = inode.Kind == FileKind.Symlink ? image.ReadLink(inode) : null,
        Rdev = inode.Kind is FileKind.CharacterDevice or FileKind.BlockDevice ? new DeviceNumber(inode.RdevMajor, inode.RdevMinor) : null,
        Xattrs = image.ListXattrs(inode).Where(x => !x.IsHidden).ToDictionary(x => x.Name, x => x.Value),
        Inode = inode.Nid,
    };

    public static string Sha256Hex(ErofsImage image, InodeInfo inode)
    {
        using var stream = image.OpenRead(inode);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
