namespace Erofs.Reading;

/// <summary>
/// The one tree walk behind fsck, extract and dump: yields the root (or <see cref="ImageWalkOptions.Start"/>), then every entry of each
/// directory it reads, depth-first with an explicit stack (a hostile tree can be as deep as its
/// limit allows). The caller decides, entry by entry, what to descend into: it claims the entry's
/// inode (<see cref="TryClaim"/>, <see cref="ClaimDirectory"/>: each inode once, so a loop or a
/// hard-linked directory is caught) and then calls <see cref="Descend"/>. Directories are read in
/// the reverse of the order they were descended into; their entries in stored order.
/// An error reading a directory becomes a <see cref="ImageWalkStepKind.DirectoryFailed"/> step
/// (when <see cref="ImageWalkOptions.IsRecoverable"/> says so) and the walk goes on; an error at one
/// entry is the caller's to catch. One walk per instance.
/// </summary>
public sealed class ImageWalker(ErofsImage image, ImageWalkOptions? options = null)
{
    private readonly ImageWalkOptions _options = options ?? new ImageWalkOptions();
    private readonly HashSet<ulong> _claimed = [];
    private readonly Stack<ImageWalkEntry> _pending = new();
    private bool _started;

    private int MaxDepth => image.Options.Limits.MaxDirectoryDepth;

    /// <summary>The steps of the walk, produced as the caller enumerates them; break to stop.</summary>
    public IEnumerable<ImageWalkStep> Walk()
    {
        if (_started)
            throw new InvalidOperationException("an ImageWalker walks once");
        _started = true;
        return Steps();
    }

    /// <summary>
    /// Claims the entry's inode for this walk: true the first time, false when an entry with the same
    /// nid was claimed before (for a directory: a loop or a hard-linked directory; for a file: a hard link).
    /// </summary>
    public bool TryClaim(ImageWalkEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_claimed.Add(entry.Nid))
            return false;
        entry.Claimed = true;
        return true;
    }

    /// <summary>Claims a directory's inode, or throws <see cref="ErofsContentException"/> when it was claimed before.</summary>
    public void ClaimDirectory(ImageWalkEntry entry)
    {
        if (!TryClaim(entry))
            throw new ErofsContentException("directory is reachable twice (loop or hard-linked directory)", entry.Nid);
    }

    /// <summary>
    /// Schedules a claimed directory to be read (once). Returns false, reading nothing, when
    /// <see cref="DepthLimitMode.RefuseDescent"/> finds it too deep.
    /// </summary>
    public bool Descend(ImageWalkEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Claimed)
            throw new InvalidOperationException($"{entry.Path}: claim a directory before descending into it");
        if (entry.Inode.Kind != FileKind.Directory)
            throw new InvalidOperationException($"{entry.Path}: not a directory");
        if (entry.Descended)
            throw new InvalidOperationException($"{entry.Path}: already descended into");
        if (_options.DepthLimit == DepthLimitMode.RefuseDescent && entry.Depth > MaxDepth)
            return false;
        entry.Descended = true;
        _pending.Push(entry);
        return true;
    }

    private IEnumerable<ImageWalkStep> Steps()
    {
        var first = _options.Start is { } start ? ImageWalkEntry.Start(image, start) : ImageWalkEntry.Root(image);
        yield return new ImageWalkStep(ImageWalkStepKind.Entry, first);
        while (_pending.TryPop(out var directory))
        {
            if (_options.DepthLimit == DepthLimitMode.FailWhenRead && directory.Depth >= MaxDepth)
            {
                var tooDeep = new ErofsContentException($"directory depth exceeds {MaxDepth}", directory.Nid);
                yield return new ImageWalkStep(ImageWalkStepKind.DirectoryFailed, directory, tooDeep);
                continue;
            }
            yield return new ImageWalkStep(ImageWalkStepKind.ReadingDirectory, directory);
            foreach (var step in ReadEntries(directory))
                yield return step;
        }
    }

    // Streamed: an error (or a broken rule) ends the directory after the entries read before it.
    private IEnumerable<ImageWalkStep> ReadEntries(ImageWalkEntry directory)
    {
        var rules = _options.DirectoryChecks == DirectoryChecks.None
            ? null
            : new DirectoryRules(directory.Inode, ParentOf(directory), _options.DirectoryChecks);
        using var entries = image.ReadDirectory(directory.Inode).GetEnumerator();
        Exception? failure;
        while (ReadNext(entries, rules, out failure))
        {
            if (!entries.Current.IsDotOrDotDot)
                yield return new ImageWalkStep(ImageWalkStepKind.Entry, ImageWalkEntry.Child(image, directory, entries.Current));
        }
        if (failure is not null)
            yield return new ImageWalkStep(ImageWalkStepKind.DirectoryFailed, directory, failure);
    }

    // What ".." must name: the parent read on the way; the root's own nid; unchecked at another start.
    private ulong? ParentOf(ImageWalkEntry directory) =>
        directory.Parent is { } parent ? parent.Nid
        : directory.Nid == image.Root.Nid ? directory.Nid
        : null;

    // Moves to the next entry and checks it; false at the end or on a recoverable error (then in failure).
    private bool ReadNext(IEnumerator<DirectoryEntry> entries, DirectoryRules? rules, out Exception? failure)
    {
        failure = null;
        try
        {
            if (entries.MoveNext())
            {
                rules?.Check(entries.Current);
                return true;
            }
            rules?.Finish();
        }
        catch (Exception e) when (_options.IsRecoverable(e))
        {
            failure = e;
        }
        return false;
    }
}
