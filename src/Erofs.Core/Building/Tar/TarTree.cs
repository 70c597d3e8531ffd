using Erofs.Building.Source;
using Erofs.Reading;

namespace Erofs.Building.Tar;

/// <summary>
/// Builds the source tree from entries in archive order, as mkfs.erofs does: missing parents are
/// created (mode 0755 plus the parent's group/other write bits, owner and time of the parent), a
/// later entry replaces an earlier one of the same path (a directory over a directory only updates
/// its metadata), a hard link shares the node of its target, and with aufs the whiteout names
/// become overlayfs whiteouts and opaque markers.
/// </summary>
internal sealed class TarTree
{
    private const uint DirectoryType = 0x4000, ImplicitPermissions = 0x1ED, GroupOtherWrite = 0x12;

    private readonly Dictionary<SourceNode, Dictionary<byte[], int>> _childIndex = new(ReferenceEqualityComparer.Instance);
    private readonly OverlayMarkers _overlay = new();
    private readonly TarReadOptions _options;
    private readonly TarErrors _errors;

    /// <summary>Starts a tree whose root has mkfs.erofs's defaults for a tar (0777) and the options' owner and time.</summary>
    public TarTree(TarReadOptions options, TarErrors errors)
    {
        _options = options;
        _errors = errors;
        Root = new SourceNode
        {
            Mode = DirectoryType | 0x1FF,
            Uid = options.RootUid,
            Gid = options.RootGid,
            MtimeSeconds = options.RootMtimeSeconds,
            MtimeNanoseconds = options.RootMtimeNanoseconds,
        };
        _childIndex[Root] = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
    }

    /// <summary>The root directory.</summary>
    public SourceNode Root { get; }

    /// <summary>Adds one entry.</summary>
    public void Add(TarEntry entry)
    {
        var components = entry.Components;
        if (_options.Aufs && components.Count > 0 && AddAufsMarker(entry))
            return;
        if (entry.HardLinkTarget is { } target)
            AddHardLink(entry, target);
        else
            Place(entry, components, entry.Node!);
    }

    /// <summary>Writes or strips the overlayfs metadata; call once, after the last entry.</summary>
    public void Finish() => _overlay.Apply(Root, _options.OvlfsStrip);

    private bool AddAufsMarker(TarEntry entry)
    {
        var components = entry.Components;
        var last = components[^1];
        if (last.AsSpan().SequenceEqual(OverlayMarkers.OpaqueMarker))
        {
            _overlay.MarkOpaque(EnsureDirectory(entry, components, components.Count - 1));
            return true;
        }
        if (!last.AsSpan().StartsWith(OverlayMarkers.WhiteoutPrefix))
            return false;
        var name = last[OverlayMarkers.WhiteoutPrefix.Length..];
        if (name.Length == 0)
            throw Fail(entry, "whiteout names no file");
        var path = new List<byte[]>(components) { [^1] = name };
        _overlay.MarkWhiteoutParent(Place(entry, path, OverlayMarkers.MakeWhiteout(entry.Node)));
        return true;
    }

    private void AddHardLink(TarEntry entry, List<byte[]> target)
    {
        string targetText = string.Join('/', target.Select(c => TarPath.Display(c)));
        var node = Lookup(target) ?? throw Fail(entry, $"hard link target '{targetText}' does not exist");
        if (node.Kind == FileKind.Directory)
            throw Fail(entry, $"hard link target '{targetText}' is a directory");
        Place(entry, entry.Components, node);
    }

    /// <summary>Puts <paramref name="node"/> at <paramref name="path"/>; returns the parent directory.</summary>
    private SourceNode Place(TarEntry entry, List<byte[]> path, SourceNode node)
    {
        bool isDirectory = node.Kind == FileKind.Directory;
        if (path.Count == 0)
        {
            if (!isDirectory)
                throw Fail(entry, "the archive root must be a directory");
            CopyMetadata(node, Root);
            return Root;
        }
        var parent = EnsureDirectory(entry, path, path.Count - 1);
        var name = path[^1];
        var index = _childIndex[parent];
        if (index.TryGetValue(name, out int position))
        {
            var existing = parent.Children[position].Node;
            if (existing.Kind == FileKind.Directory && isDirectory)
            {
                CopyMetadata(node, existing);
                return parent;
            }
            if (ReferenceEquals(existing, node))
                return parent; // a hard link to itself
            parent.Children[position] = new SourceEntry(name, node);
            ForgetDirectories(existing);
        }
        else
        {
            index.Add(name, parent.Children.Count);
            parent.Children.Add(new SourceEntry(name, node));
        }
        if (isDirectory)
            _childIndex.TryAdd(node, new Dictionary<byte[], int>(ByteArrayComparer.Instance));
        return parent;
    }

    /// <summary>The directory named by the first <paramref name="count"/> components of <paramref name="path"/>, created as needed.</summary>
    private SourceNode EnsureDirectory(TarEntry entry, List<byte[]> path, int count)
    {
        var directory = Root;
        for (int i = 0; i < count; i++)
        {
            var name = path[i];
            var index = _childIndex[directory];
            if (index.TryGetValue(name, out int position))
            {
                directory = directory.Children[position].Node;
                if (directory.Kind != FileKind.Directory)
                    throw Fail(entry, $"'{TarPath.Display(name)}' on its path is not a directory");
                continue;
            }
            var created = ImplicitDirectory(directory);
            index.Add(name, directory.Children.Count);
            directory.Children.Add(new SourceEntry(name, created));
            _childIndex[created] = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
            directory = created;
        }
        return directory;
    }

    private static SourceNode ImplicitDirectory(SourceNode parent) => new()
    {
        Mode = DirectoryType | ImplicitPermissions | (parent.Mode & GroupOtherWrite),
        Uid = parent.Uid,
        Gid = parent.Gid,
        MtimeSeconds = parent.MtimeSeconds,
        MtimeNanoseconds = parent.MtimeNanoseconds,
    };

    private SourceNode? Lookup(List<byte[]> path)
    {
        var node = Root;
        foreach (var name in path)
        {
            if (!_childIndex.TryGetValue(node, out var index) || !index.TryGetValue(name, out int position))
                return null;
            node = node.Children[position].Node;
        }
        return node;
    }

    private static void CopyMetadata(SourceNode from, SourceNode to)
    {
        to.Mode = from.Mode;
        to.Uid = from.Uid;
        to.Gid = from.Gid;
        to.MtimeSeconds = from.MtimeSeconds;
        to.MtimeNanoseconds = from.MtimeNanoseconds;
        to.Xattrs.Clear();
        to.Xattrs.AddRange(from.Xattrs);
    }

    /// <summary>Drops the lookup tables of a replaced subtree (it can no longer be reached by path).</summary>
    private void ForgetDirectories(SourceNode replaced)
    {
        var pending = new Stack<SourceNode>();
        pending.Push(replaced);
        while (pending.TryPop(out var node))
        {
            if (!_childIndex.Remove(node))
                continue;
            foreach (var child in node.Children)
                pending.Push(child.Node);
        }
    }

    private InvalidSourceException Fail(TarEntry entry, string what) => _errors.Entry(entry.DisplayPath, entry.HeaderOffset, what);
}
