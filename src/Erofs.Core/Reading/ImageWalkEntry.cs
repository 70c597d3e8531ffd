namespace Erofs.Reading;

/// <summary>
/// One entry met by an <see cref="ImageWalker"/>: the root, or a name in a directory. Entries chain
/// to their parent, so a deep or wide tree costs one small object per pending directory, not a path string.
/// </summary>
public sealed class ImageWalkEntry
{
    private readonly ErofsImage _image;
    private InodeInfo? _inode;
    private ulong? _startNid;
    private string _startPath = "";

    private ImageWalkEntry(ErofsImage image, ImageWalkEntry? parent, DirectoryEntry? dirent)
    {
        _image = image;
        Parent = parent;
        Dirent = dirent;
        Name = dirent?.Name ?? "";
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    internal static ImageWalkEntry Root(ErofsImage image) => new(image, null, null) { _inode = image.Root };

    internal static ImageWalkEntry Start(ErofsImage image, ImageWalkStart start) =>
        new(image, null, null) { _startNid = start.Nid, _startPath = start.Path.TrimEnd('/') };

    internal static ImageWalkEntry Child(ErofsImage image, ImageWalkEntry parent, DirectoryEntry dirent) => new(image, parent, dirent);

    /// <summary>The directory this entry was read from; null for the root.</summary>
    public ImageWalkEntry? Parent { get; }

    /// <summary>The directory entry as stored; null for the root, which no directory names.</summary>
    public DirectoryEntry? Dirent { get; }

    /// <summary>The name (UTF-8 decoded, invalid sequences as U+FFFD); empty for the root.</summary>
    public string Name { get; }

    /// <summary>The inode number the entry names.</summary>
    public ulong Nid => Dirent?.Nid ?? _startNid ?? _image.Root.Nid;

    /// <summary>Directory levels below the root (the root is 0, its entries 1).</summary>
    public int Depth { get; }

    /// <summary>True for the first entry of the walk: the root, or the walk's <see cref="ImageWalkOptions.Start"/>.</summary>
    public bool IsRoot => Parent is null;

    /// <summary>
    /// The inode, decoded on first use, so a walk that only needs names decodes nothing. Throws
    /// <see cref="ErofsContentException"/> (or <see cref="NotSupportedException"/>, <see cref="IOException"/>)
    /// when it cannot be decoded; the walk is not affected.
    /// </summary>
    public InodeInfo Inode => _inode ??= _image.GetInode(Nid);

    /// <summary>
    /// The absolute path in the image: "/" for the root, else "/a/b"; below a walk's start, the start's
    /// <see cref="ImageWalkStart.Path"/> and the names under it. Built from the names on each use and never
    /// kept: kept paths would cost a deep hostile tree memory quadratic in its depth.
    /// </summary>
    public string Path
    {
        get
        {
            var first = this;
            int length = 0;
            for (; first.Parent is not null; first = first.Parent)
                length += first.Name.Length + 1;
            length += first._startPath.Length;
            return length == 0 ? "/" : string.Create(length, this, WritePath);
        }
    }

    /// <summary>True once <see cref="ImageWalker.TryClaim"/> gave this entry its inode.</summary>
    internal bool Claimed { get; set; }

    /// <summary>True once <see cref="ImageWalker.Descend"/> scheduled this directory to be read.</summary>
    internal bool Descended { get; set; }

    // From the last name back to the first: iterative, a hostile tree can be thousands of levels deep.
    private static void WritePath(Span<char> text, ImageWalkEntry entry)
    {
        int end = text.Length;
        var node = entry;
        for (; node.Parent is not null; node = node.Parent)
        {
            end -= node.Name.Length;
            node.Name.CopyTo(text[end..]);
            text[--end] = '/';
        }
        node._startPath.CopyTo(text);
    }
}
