using Erofs.Building.Source;
using Erofs.Reading;

namespace Erofs.Building.Tar;

/// <summary>
/// The overlayfs metadata of <c>--aufs</c> and <c>--ovlfs-strip</c>, as mkfs.erofs writes it:
/// a directory with an opaque marker gets <c>trusted.overlay.opaque=y</c>, a directory holding
/// whiteouts gets an empty <c>trusted.overlay.origin</c>; stripping instead drops every whiteout
/// (character device 0:0) and every <c>trusted.overlay.opaque</c>.
/// </summary>
internal sealed class OverlayMarkers
{
    /// <summary>The opaque directory xattr.</summary>
    public const string OpaqueXattr = "trusted.overlay.opaque";

    /// <summary>The xattr marking a directory that holds whiteouts (so overlayfs never iterates it directly).</summary>
    public const string OriginXattr = "trusted.overlay.origin";

    /// <summary>The aufs whiteout name prefix.</summary>
    public static ReadOnlySpan<byte> WhiteoutPrefix => ".wh."u8;

    /// <summary>The aufs opaque directory marker name.</summary>
    public static ReadOnlySpan<byte> OpaqueMarker => ".wh..wh..opq"u8;

    private readonly HashSet<SourceNode> _opaque = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SourceNode> _withWhiteouts = new(ReferenceEqualityComparer.Instance);

    /// <summary>Notes that a directory is opaque.</summary>
    public void MarkOpaque(SourceNode directory) => _opaque.Add(directory);

    /// <summary>Notes that a directory holds a whiteout.</summary>
    public void MarkWhiteoutParent(SourceNode directory) => _withWhiteouts.Add(directory);

    /// <summary>Turns an entry's node into a whiteout: a character device 0:0 keeping owner, mode bits and time.</summary>
    public static SourceNode MakeWhiteout(SourceNode? node)
    {
        node ??= new SourceNode { Mode = 0 };
        node.Mode = 0x2000 | (node.Mode & 0xFFF);
        node.RdevMajor = 0;
        node.RdevMinor = 0;
        node.LinkTarget = null;
        node.Content = null;
        return node;
    }

    /// <summary>Writes the markers into the tree, or strips overlay metadata when <paramref name="strip"/>.</summary>
    public void Apply(SourceNode root, bool strip)
    {
        if (strip)
        {
            Strip(root);
            return;
        }
        foreach (var directory in _opaque)
            SetXattr(directory, OpaqueXattr, "y"u8.ToArray());
        foreach (var directory in _withWhiteouts)
            SetXattr(directory, OriginXattr, []);
    }

    private static void SetXattr(SourceNode node, string name, byte[] value)
    {
        node.Xattrs.RemoveAll(x => x.Name == name);
        node.Xattrs.Add(new SourceXattr(name, value));
    }

    private static void Strip(SourceNode root)
    {
        var pending = new Stack<SourceNode>();
        pending.Push(root);
        root.Xattrs.RemoveAll(x => x.Name == OpaqueXattr);
        while (pending.TryPop(out var directory))
        {
            directory.Children.RemoveAll(e => IsWhiteout(e.Node));
            foreach (var child in directory.Children)
            {
                child.Node.Xattrs.RemoveAll(x => x.Name == OpaqueXattr);
                if (child.Node.Kind == FileKind.Directory)
                    pending.Push(child.Node);
            }
        }
    }

    private static bool IsWhiteout(SourceNode node) =>
        node.Kind == FileKind.CharacterDevice && node.RdevMajor == 0 && node.RdevMinor == 0;
}
