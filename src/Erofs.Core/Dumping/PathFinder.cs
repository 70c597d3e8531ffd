using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// Finds a path leading to a nid by walking the tree (as dump.erofs does for <c>--nid</c>),
/// with the same guards as the statistics walk: loops, depth limit, unreadable directories.
/// </summary>
internal static class PathFinder
{
    private static readonly ImageWalkOptions WalkOptions = new() { DepthLimit = DepthLimitMode.RefuseDescent, IsRecoverable = IsContentProblem };

    /// <summary>The first path found to <paramref name="nid"/>, or null when no entry leads to it.</summary>
    public static string? Find(ErofsImage image, ulong nid)
    {
        if (nid == image.Root.Nid)
            return "/";
        var walker = new ImageWalker(image, WalkOptions);
        // Same bound as the statistics walk: reused directory blocks must not make this endless.
        long budget = WalkLimits.EntryCap(image);
        foreach (var step in walker.Walk())
        {
            // An unreadable directory just hides its part of the tree from the search.
            if (step.Kind != ImageWalkStepKind.Entry)
            {
                if (budget <= 0)
                    return null;
                continue;
            }
            var entry = step.Entry;
            if (!entry.IsRoot && --budget < 0)
                return null;
            if (entry.Nid == nid)
                return ShortPath.Of(entry);
            // Entries that claim to be directories are the only ones worth opening.
            if (entry.Dirent?.Kind is null or FileKind.Directory or FileKind.Unknown)
                Enter(walker, entry);
        }
        return null;
    }

    private static void Enter(ImageWalker walker, ImageWalkEntry entry)
    {
        try
        {
            // Compressed directories are not searched.
            if (entry.Inode.Kind == FileKind.Directory && walker.TryClaim(entry) && !entry.Inode.IsCompressed)
                walker.Descend(entry);
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            // A bad child inode must not end the search of its siblings.
        }
    }

    private static bool IsContentProblem(Exception e) => e is ErofsContentException or NotSupportedException or IOException;
}
