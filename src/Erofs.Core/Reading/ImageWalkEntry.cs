using System.Text;

namespace Erofs.Reading;

/// <summary>
/// One entry met by an <see cref="ImageWalker"/>: the root, or a name in a directory. Entries chain
/// to their parent, so a deep or wide tree costs one small object per pending directory, not a path string.
/// </summary>
public sealed class ImageWalkEntry
{
    private readonly ErofsImage _image;
    private InodeInfo? _inode;
    private string? _path;

    private ImageWalkEntry(ErofsImage image, ImageWalkEntry? parent, DirectoryEntry? dirent, string name, ulong nid, int depth)
    {
        _image = image;
        Parent = parent;
        Dirent = dirent;
        Name = name;
        Nid = nid;
        Depth = depth;
    }

    internal static ImageWalkEntry Root(ErofsImage image) => new(image, null, null, "", image.Root.Nid, 0) { _inode = image.Root };

    internal static ImageWalkEntry Child(ErofsImage image, ImageWalkEntry parent, DirectoryEntry dirent) =>
        new(image, parent, dirent, dirent.Name, dirent.Nid, parent.Depth + 1);

    /// <summary>The directory this entry was read from; null for the root.</summary>
    public ImageWalkEntry? Parent { get; }

    /// <summary>The directory entry as stored; null for the root, which no directory names.</summary>
    public DirectoryEntry? Dirent { get; }

    /// <summary>The name (UTF-8 decoded, invalid sequences as U+FFFD); empty for the root.</summary>
    public string Name { get; }

    /// <summary>The inode number the entry names.</summary>
    public ulong Nid { get; }

    /// <summary>Directory levels below the root (the root is 0, its entries 1).</summary>
    public int Depth { get; }

    /// <summary>True for the root.</summary>
    public bool IsRoot => Parent is null;

    /// <summary>
    /// The inode, decoded on first use, so a walk that only needs names decodes nothing. Throws
    /// <see cref="ErofsContentException"/> (or <see cref="NotSupportedException"/>, <see cref="IOException"/>)
    /// when it cannot be decoded; the walk is not affected.
    /// </summary>
    public InodeInfo Inode => _inode ??= _image.GetInode(Nid);

    /// <summary>The absolute path in the image: "/" for the root, else "/a/b".</summary>
    public string Path => _path ??= BuildPath();

    /// <summary>True once <see cref="ImageWalker.TryClaim"/> gave this entry its inode.</summary>
    internal bool Claimed { get; set; }

    /// <summary>True once <see cref="ImageWalker.Descend"/> scheduled this directory to be read.</summary>
    internal bool Descended { get; set; }

    // Iterative (a hostile tree can be thousands of levels deep), from the nearest ancestor whose path is known.
    private string BuildPath()
    {
        if (IsRoot)
            return "/";
        var names = new Stack<string>();
        var node = this;
        for (; node is { IsRoot: false, _path: null }; node = node.Parent!)
            names.Push(node.Name);
        var text = new StringBuilder(node.IsRoot ? "" : node._path);
        foreach (string name in names)
            text.Append('/').Append(name);
        return text.ToString();
    }
}
