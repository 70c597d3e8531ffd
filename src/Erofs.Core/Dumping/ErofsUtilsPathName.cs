using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// The "Path :" line of dump.erofs (erofs_get_pathname): the first name found for a nid by a
/// depth-first search from the root in stored entry order, checking each entry before opening it,
/// and opening entries typed directory or unknown whose inode is a directory. It runs for
/// <c>--path</c> too, so a file with several names shows the first one found, whichever was asked for.
/// Any read error ends the search without a path, as in dump.erofs; so does a path of 4096 bytes or more
/// (its PATH_MAX buffer). Unlike dump.erofs the search survives hostile trees: a directory is opened
/// once, within the depth limit and the image's entry capacity.
/// </summary>
public static class ErofsUtilsPathName
{
    /// <summary>dump.erofs's path buffer (PATH_MAX); the path and its NUL must fit.</summary>
    public const int BufferSize = 4096;

    /// <summary>The path of <paramref name="nid"/> as raw bytes, or null when not found.</summary>
    public static byte[]? Find(ErofsImage image, ulong nid)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (nid == image.Root.Nid)
            return "/"u8.ToArray();
        try
        {
            return Search(image, nid);
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException or IOException)
        {
            return null;
        }
    }

    private sealed class Frame(IEnumerator<DirectoryEntry> entries, int prefixLength) : IDisposable
    {
        public IEnumerator<DirectoryEntry> Entries { get; } = entries;
        public int PrefixLength { get; } = prefixLength;
        public void Dispose() => Entries.Dispose();
    }

    // An explicit stack instead of recursion: a hostile tree may be as deep as the limit allows.
    private static byte[]? Search(ErofsImage image, ulong nid)
    {
        var path = new List<byte>();
        var stack = new Stack<Frame>();
        var opened = new HashSet<ulong> { image.Root.Nid };
        long budget = WalkLimits.EntryCap(image);
        int maxDepth = image.Options.Limits.MaxDirectoryDepth;
        stack.Push(new Frame(image.ReadDirectory(image.Root).GetEnumerator(), 0));
        try
        {
            while (stack.TryPeek(out var frame))
            {
                if (!frame.Entries.MoveNext())
                {
                    stack.Pop().Dispose();
                    continue;
                }
                var entry = frame.Entries.Current;
                if (entry.IsDotOrDotDot)
                    continue;
                if (--budget < 0)
                    return null;
                path.RemoveRange(frame.PrefixLength, path.Count - frame.PrefixLength);
                path.Add((byte)'/');
                path.AddRange(entry.NameBytes);
                if (entry.Nid == nid)
                    return path.Count < BufferSize ? CString(path) : null;
                if (entry.FileType is not (0 or 2) || stack.Count > maxDepth)
                    continue;
                var inode = image.GetInode(entry.Nid);
                if (inode.Kind == FileKind.Directory && opened.Add(entry.Nid))
                    stack.Push(new Frame(image.ReadDirectory(inode).GetEnumerator(), path.Count));
            }
            return null;
        }
        finally
        {
            foreach (var frame in stack)
                frame.Dispose();
        }
    }

    // dump.erofs copies names with strncpy and prints a C string: the path ends at its first NUL.
    private static byte[] CString(List<byte> path)
    {
        int nul = path.IndexOf(0);
        return (nul < 0 ? path : path.GetRange(0, nul)).ToArray();
    }
}
