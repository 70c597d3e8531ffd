using Erofs.Reading;

namespace Erofs.Fuzz.Targets;

/// <summary>
/// Visits every directory once, breadth-first, and every inode it names: xattrs, fingerprint,
/// extents, symlink target, and a bounded read of file data (start through a stream, a window at
/// the end). Each step's allowed exception ends that step only, so one bad inode hides nothing.
/// Caps keep one input's work small: a hostile size can describe petabytes of legitimate holes.
/// </summary>
internal sealed class ImageWalker(ErofsImage image)
{
    private const int MaxEntries = 4096;
    private const int MaxExtentsPerFile = 1024;
    private const int ReadCapPerFile = 1 << 20;
    private const int MaxLookupsPerDirectory = 8;

    private readonly byte[] _buffer = new byte[64 << 10];
    private readonly List<InodeInfo> _files = [];

    /// <summary>Regular files met by the last <see cref="Walk"/>, in walk order.</summary>
    public IReadOnlyList<InodeInfo> Files => _files;

    /// <param name="readData">Read file data and symlink targets (file-read only wants the list).</param>
    public void Walk(bool readData)
    {
        InodeInfo root;
        try
        {
            root = image.Root;
        }
        catch (Exception e) when (AllowedExceptions.ForImages(e))
        {
            return;
        }
        var visited = new HashSet<ulong> { root.Nid };
        var pending = new Queue<InodeInfo>([root]);
        Visit(root, readData);
        int entries = 0;
        while (pending.Count > 0 && entries < MaxEntries)
        {
            var dir = pending.Dequeue();
            var list = Try(() => image.ReadDirectory(dir).Take(MaxEntries - entries).ToList()) ?? [];
            entries += list.Count;
            LookUp(dir, list);
            foreach (var entry in list)
            {
                if (entry.IsDotOrDotDot)
                    continue;
                var inode = Try(() => image.GetInode(entry.Nid));
                if (inode is null || (inode.Kind == FileKind.Directory && !visited.Add(inode.Nid)))
                    continue;
                if (inode.Kind == FileKind.Directory)
                    pending.Enqueue(inode);
                Visit(inode, readData);
            }
        }
    }

    // Binary search over blocks and entries: a few present names and one absent.
    private void LookUp(InodeInfo dir, List<DirectoryEntry> entries)
    {
        Try(() => image.Lookup(dir, "\u00ff-absent"u8));
        int step = Math.Max(1, entries.Count / MaxLookupsPerDirectory);
        for (int i = 0; i < entries.Count; i += step)
        {
            var name = entries[i].NameBytes;
            Try(() => image.Lookup(dir, name));
        }
    }

    private void Visit(InodeInfo inode, bool readData)
    {
        if (inode.Kind == FileKind.Regular)
            _files.Add(inode);
        Try(() => image.ListXattrs(inode));
        Try(() => image.GetFingerprint(inode));
        Try(() => image.GetExtents(inode).Take(MaxExtentsPerFile).Count());
        if (!readData)
            return;
        if (inode.Kind == FileKind.Symlink)
            Try(() => image.ReadLinkBytes(inode));
        else if (inode.Kind == FileKind.Regular)
            Try(() => ReadData(inode));
    }

    private long ReadData(InodeInfo inode)
    {
        long size = (long)inode.Size;
        long read = 0;
        using (var stream = image.OpenRead(inode))
        {
            int n;
            while (read < ReadCapPerFile && (n = stream.Read(_buffer)) > 0)
                read += n;
        }
        if (size > ReadCapPerFile)
            read += image.Read(inode, size - _buffer.Length, _buffer);
        return read;
    }

    private static T? Try<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (AllowedExceptions.ForImages(e))
        {
            return default;
        }
    }
}
