using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>The single tree walk behind <see cref="StatisticsReport.Collect"/>.</summary>
internal sealed class StatisticsCollector(
    ErofsImage image, IProgress<long>? progress, CancellationToken cancellationToken, ExtentBudget? extentBudget = null)
{
    /// <summary>Path shown for problems of the packed inode, which no directory entry names.</summary>
    public const string PackedInodePath = "(packed inode)";

    private const int ProgressInterval = 1024;

    private readonly long[] _paths = new long[8];
    private readonly long[] _inodes = new long[8];
    private readonly long[] _layouts = new long[5];
    private readonly long[] _buckets = new long[StatisticsReport.SizeBucketCount];
    private readonly HashSet<ulong> _seen = [];
    private readonly List<DumpProblem> _problems = [];
    // Depth-first with an explicit stack: a deep hostile tree cannot overflow the call stack.
    private readonly Stack<PendingDirectory> _pending = new();
    private readonly bool _fingerprints = (image.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) != 0;
    private readonly long _entryCap = WalkLimits.EntryCap(image);
    private readonly ImageDataCounter _data = new(image, extentBudget ?? WalkLimits.ExtentsOf(image), cancellationToken);
    private bool _entryLimitReached;
    private long _visited, _totalBytes, _hardLinked, _extraLinks, _compressed, _compressedBytes;
    private long _xattrs, _withXattrs, _fingerprinted, _loops, _depthHits, _unreadable, _problemCount;
    private int _maxDepth;

    private readonly record struct PendingDirectory(InodeInfo Inode, PathNode Path, int Depth);

    public StatisticsReport Run()
    {
        var root = new PathNode(null, "");
        _seen.Add(image.Root.Nid);
        _visited = 1;
        _paths[(int)FileKind.Directory]++;
        CountInode(image.Root, root);
        _pending.Push(new PendingDirectory(image.Root, root, 0));
        while (_pending.TryPop(out var directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadEntries(directory);
        }
        if (_data.CountPackedInode() is { } packedProblem)
            Problem(PackedInodePath, image.Superblock.PackedNid, packedProblem);
        progress?.Report(_visited);
        return Build();
    }

    private void ReadEntries(PendingDirectory directory)
    {
        _maxDepth = Math.Max(_maxDepth, directory.Depth);
        try
        {
            foreach (var entry in image.ReadDirectory(directory.Inode))
            {
                if (entry.IsDotOrDotDot)
                    continue;
                if (_visited >= _entryCap)
                {
                    StopAtEntryCap(directory);
                    return;
                }
                Visit(entry, directory);
            }
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            Unreadable(directory, e.Message);
        }
    }

    private void Visit(DirectoryEntry entry, PendingDirectory parent)
    {
        var path = new PathNode(parent.Path, entry.Name);
        if (++_visited % ProgressInterval == 0)
        {
            progress?.Report(_visited);
            cancellationToken.ThrowIfCancellationRequested();
        }
        InodeInfo inode;
        try
        {
            inode = image.GetInode(entry.Nid);
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            Problem(path, entry.Nid, e.Message);
            return;
        }
        if (entry.Kind != FileKind.Unknown && entry.Kind != inode.Kind)
            Problem(path, inode.Nid, $"the entry says {DumpFormat.KindToken(entry.Kind)}, the inode is {DumpFormat.KindToken(inode.Kind)}");
        _paths[(int)inode.Kind]++;
        bool first = _seen.Add(inode.Nid);
        if (inode.Kind == FileKind.Directory)
            VisitDirectory(inode, path, parent.Depth + 1, first);
        else if (first)
            CountInode(inode, path);
        else if (inode.Kind == FileKind.Regular)
            _extraLinks++;
    }

    private void VisitDirectory(InodeInfo inode, PathNode path, int depth, bool first)
    {
        if (!first)
        {
            _loops++;
            Problem(path, inode.Nid, "directory reached a second time (loop): not descended into");
            return;
        }
        CountInode(inode, path);
        if (depth > image.Options.Limits.MaxDirectoryDepth)
        {
            _depthHits++;
            Problem(path, inode.Nid, $"deeper than {image.Options.Limits.MaxDirectoryDepth} levels: not descended into");
            return;
        }
        _pending.Push(new PendingDirectory(inode, path, depth));
    }

    private void CountInode(InodeInfo inode, PathNode path)
    {
        _inodes[(int)inode.Kind]++;
        _layouts[(int)inode.Layout]++;
        if (inode.Kind == FileKind.Regular)
        {
            _totalBytes = SaturatingAdd(_totalBytes, inode.Size);
            _buckets[StatisticsReport.BucketOf(inode.Size)]++;
            if (inode.Nlink > 1)
                _hardLinked++;
            if (inode.IsCompressed)
            {
                _compressed++;
                _compressedBytes = SaturatingAdd(_compressedBytes, inode.Size);
            }
            if (_data.CountFile(inode) is { } problem)
                Problem(path, inode.Nid, problem);
        }
        if (inode.XattrSize > 0)
            CountXattrs(inode, path);
    }

    private void CountXattrs(InodeInfo inode, PathNode path)
    {
        try
        {
            int count = image.ListXattrs(inode).Count;
            _xattrs += count;
            if (count > 0)
                _withXattrs++;
            if (_fingerprints && image.GetFingerprint(inode) is not null)
                _fingerprinted++;
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            Problem(path, inode.Nid, $"xattrs: {e.Message}");
        }
    }

    private void StopAtEntryCap(PendingDirectory directory)
    {
        _entryLimitReached = true;
        _pending.Clear();
        Problem(directory.Path, directory.Inode.Nid, $"more than {_entryCap} entries, more than the image can hold: directory blocks are reused; walk stopped");
    }

    private void Unreadable(PendingDirectory directory, string message)
    {
        _unreadable++;
        Problem(directory.Path, directory.Inode.Nid, message);
    }

    private void Problem(PathNode path, ulong? nid, string message)
    {
        // Only kept problems pay for building their path text.
        if (++_problemCount <= StatisticsReport.MaxProblemsKept)
            _problems.Add(new DumpProblem(path.Render(), nid, message));
    }

    private void Problem(string path, ulong? nid, string message)
    {
        if (++_problemCount <= StatisticsReport.MaxProblemsKept)
            _problems.Add(new DumpProblem(path, nid, message));
    }

    private static bool IsContentProblem(Exception e) => e is ErofsContentException or NotSupportedException or IOException;

    private static long SaturatingAdd(long total, ulong size) =>
        size > (ulong)(long.MaxValue - total) ? long.MaxValue : total + (long)size;

    private StatisticsReport Build() => new()
    {
        Paths = Counts(_paths),
        Inodes = Counts(_inodes),
        Layouts = new LayoutCounts
        {
            FlatPlain = _layouts[(int)InodeLayout.FlatPlain],
            FlatInline = _layouts[(int)InodeLayout.FlatInline],
            CompressedFull = _layouts[(int)InodeLayout.CompressedFull],
            CompressedCompact = _layouts[(int)InodeLayout.CompressedCompact],
            ChunkBased = _layouts[(int)InodeLayout.ChunkBased],
        },
        TotalFileBytes = _totalBytes,
        SizeDistribution = _buckets.Select((count, i) => new SizeBucket(
            StatisticsReport.BucketMin(i), i + 1 < _buckets.Length ? StatisticsReport.BucketMin(i + 1) : null, count)).ToList(),
        HardLinkedFiles = _hardLinked,
        ExtraHardLinks = _extraLinks,
        CompressedFiles = _compressed,
        CompressedFileBytes = _compressedBytes,
        Compression = _data.Build(),
        ExtentLimitReached = _data.BudgetExhausted,
        XattrCount = _xattrs,
        InodesWithXattrs = _withXattrs,
        FingerprintedFiles = _fingerprinted,
        MaxDepth = _maxDepth,
        DirectoryLoops = _loops,
        DepthLimitHits = _depthHits,
        UnreadableDirectories = _unreadable,
        EntryLimitReached = _entryLimitReached,
        ProblemCount = _problemCount,
        Problems = _problems,
    };

    private static FileTypeCounts Counts(long[] c) => new()
    {
        Regular = c[(int)FileKind.Regular],
        Directory = c[(int)FileKind.Directory],
        CharacterDevice = c[(int)FileKind.CharacterDevice],
        BlockDevice = c[(int)FileKind.BlockDevice],
        Fifo = c[(int)FileKind.Fifo],
        Socket = c[(int)FileKind.Socket],
        Symlink = c[(int)FileKind.Symlink],
    };
}
