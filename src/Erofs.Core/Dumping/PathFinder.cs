using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// Finds a path leading to a nid by walking the tree (as dump.erofs does for <c>--nid</c>),
/// with the same guards as the statistics walk: loops, depth limit, unreadable directories.
/// </summary>
internal static class PathFinder
{
    /// <summary>The first path found to <paramref name="nid"/>, or null when no entry leads to it.</summary>
    public static string? Find(ErofsImage image, ulong nid)
    {
        if (nid == image.Root.Nid)
            return "/";
        var seen = new HashSet<ulong> { image.Root.Nid };
        var pending = new Stack<(InodeInfo Inode, PathNode Path, int Depth)>();
        pending.Push((image.Root, new PathNode(null, ""), 0));
        long budget = WalkLimits.EntryCap(image);
        while (budget > 0 && pending.TryPop(out var directory))
        {
            if (Search(image, directory.Inode, directory.Path, directory.Depth, nid, seen, pending, ref budget) is { } found)
                return found.Render();
        }
        return null;
    }

    private static PathNode? Search(ErofsImage image, InodeInfo directory, PathNode path, int depth, ulong nid,
        HashSet<ulong> seen, Stack<(InodeInfo, PathNode, int)> pending, ref long budget)
    {
        if (directory.IsCompressed)
            return null;
        try
        {
            foreach (var entry in image.ReadDirectory(directory))
            {
                if (entry.IsDotOrDotDot)
                    continue;
                // Same bound as the statistics walk: reused directory blocks must not make this endless.
                if (--budget < 0)
                    return null;
                var child = new PathNode(path, entry.Name);
                if (entry.Nid == nid)
                    return child;
                // Entries that claim to be directories are the only ones worth opening.
                if (entry.Kind is FileKind.Directory or FileKind.Unknown && depth < image.Options.Limits.MaxDirectoryDepth && seen.Add(entry.Nid))
                    PushDirectory(image, entry.Nid, child, depth + 1, pending);
            }
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException or IOException)
        {
            // An unreadable directory just hides its part of the tree from the search.
        }
        return null;
    }

    private static void PushDirectory(ErofsImage image, ulong nid, PathNode path, int depth, Stack<(InodeInfo, PathNode, int)> pending)
    {
        try
        {
            var inode = image.GetInode(nid);
            if (inode.Kind == FileKind.Directory)
                pending.Push((inode, path, depth));
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException or IOException)
        {
            // A bad child inode must not end the search of its siblings.
        }
    }
}
