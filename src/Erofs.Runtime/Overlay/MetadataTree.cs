using System.Globalization;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// Copies an image's tree into a <see cref="SourceNode"/> tree for a metadata image: everything
/// the kernel shows, with every non-empty regular file turned into a size-only file that points
/// at its object, and the image's own overlay xattrs escaped.
/// </summary>
internal sealed class MetadataTree(ErofsImage image, IReadOnlyDictionary<ulong, Fingerprint> objects)
{
    // By nid: a hard link finds its node, an entry its directory's.
    private readonly Dictionary<ulong, SourceNode> _nodes = [];

    public SourceNode Build()
    {
        SourceNode? root = null;
        foreach (var (entry, first) in MetadataWalk.Entries(image))
        {
            var node = first ? Add(entry) : _nodes[entry.Nid];
            if (entry.IsRoot)
                root = node;
            else
                _nodes[entry.Parent!.Nid].Children.Add(new SourceEntry(entry.Dirent!.Value.NameBytes, node));
        }
        return root!;
    }

    private SourceNode Add(ImageWalkEntry entry)
    {
        var inode = entry.Inode;
        var xattrs = image.ListXattrs(inode);
        if (OverlayLimits.Check(entry, xattrs) is { } reason)
            throw new NotSupportedException(reason);
        var node = new SourceNode
        {
            Mode = inode.Mode,
            Uid = inode.Uid,
            Gid = inode.Gid,
            MtimeSeconds = inode.MtimeSeconds,
            MtimeNanoseconds = inode.MtimeNanoseconds,
        };
        // Hidden names (the default fingerprint, say) are not shown by the kernel either.
        foreach (var x in xattrs.Where(x => !x.IsHidden))
            node.Xattrs.Add(new SourceXattr(OverlayXattrs.Escape(x.Name), x.Value));
        switch (inode.Kind)
        {
            case FileKind.Regular when inode.Size > 0:
                node.Content = new SizeOnlyContent(checked((long)inode.Size));
                node.Xattrs.AddRange(OverlayXattrs.PointingAt(ObjectOf(entry)));
                break;
            case FileKind.Symlink:
                node.LinkTarget = image.ReadLinkBytes(inode);
                break;
            case FileKind.CharacterDevice or FileKind.BlockDevice:
                (node.RdevMajor, node.RdevMinor) = (inode.RdevMajor, inode.RdevMinor);
                break;
        }
        _nodes.Add(entry.Nid, node);
        return node;
    }

    private Fingerprint ObjectOf(ImageWalkEntry entry) =>
        objects.TryGetValue(entry.Nid, out var content)
            ? content
            : throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{entry.Path} (nid {entry.Nid}): no object is given for this file's content"),
                nameof(objects));
}
