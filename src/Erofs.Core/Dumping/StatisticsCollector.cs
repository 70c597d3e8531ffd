using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Counts what one <see cref="ImageWalker"/> walk meets, for <see cref="StatisticsReport.Collect"/>.</summary>
internal sealed class StatisticsCollector(
    ErofsImage image, IProgress<long>? progress, CancellationToken cancellationToken, ExtentBudget? extentBudget = null)
{
    /// <summary>Path shown for problems of the packed inode, which no directory entry names.</summary>
    public const string PackedInodePath = "(packed inode)";

    private const int ProgressInterval = 1024;

    // Dump takes names in whatever order they are, and counts an unreadable directory (I/O errors too) instead of stopping.
    private static readonly ImageWalkOptions WalkOptions = new() { DepthLimit = DepthLimitMode.RefuseDescent, IsRecoverable = IsContentProblem };

    private readonly long[] _paths = new long[8];
    private readonly long[] _inodes = new long[8];
    private readonly long[] _layouts = new long[5];
    private readonly long[] _buckets = new long[StatisticsReport.SizeBucketCount];
    private readonly List<DumpProblem> _problems = [];
    private readonly ImageWalker _walker = new(image, WalkOptions);
    private readonly bool _fingerprints = (image.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) != 0;
    private readonly long _entryCap = WalkLimits.EntryCap(image);
    private readonly ImageDataCounter _data = new(image, extentBudget ?? WalkLimits.ExtentsOf(image), cancellationToken);
    private bool _entryLimitReached;
    private long _visited, _totalBytes, _hardLinked, _extraLinks, _compressed, _compressedBytes;
    private long _xattrs, _withXattrs, _fingerprinted, _loops, _depthHits, _unreadable, _problemCount;
    private int _maxDepth;

    public StatisticsReport Run()
    {
        foreach (var step in _walker.Walk())
        {
            if (step.Kind == ImageWalkStepKind.ReadingDirectory)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _maxDepth = Math.Max(_maxDepth, step.Entry.Depth);
            }
            else if (step.Failure is { } failure)
            {
                Unreadable(step.Entry, failure.Message);
            }
            else if (!Visit(step.Entry))
            {
                break;
            }
        }
        if (_data.CountPackedInode() is { } packedProblem)
            Problem(PackedInodePath, image.Superblock.PackedNid, packedProblem);
        progress?.Report(_visited);
        return Build();
    }

    // Counts one entry; false when the entry cap ends the walk.
    private bool Visit(ImageWalkEntry entry)
    {
        if (!entry.IsRoot && _visited >= _entryCap)
        {
            StopAtEntryCap(entry.Parent!);
            return false;
        }
        if (++_visited % ProgressInterval == 0)
        {
            progress?.Report(_visited);
            cancellationToken.ThrowIfCancellationRequested();
        }
        InodeInfo inode;
        try
        {
            inode = entry.Inode;
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            Problem(entry, entry.Nid, e.Message);
            return true;
        }
        if (entry.Dirent is { } dirent && dirent.Kind != FileKind.Unknown && dirent.Kind != inode.Kind)
            Problem(entry, inode.Nid, $"the entry says {DumpFormat.KindToken(dirent.Kind)}, the inode is {DumpFormat.KindToken(inode.Kind)}");
        _paths[(int)inode.Kind]++;
        bool first = _walker.TryClaim(entry);
        if (inode.Kind == FileKind.Directory)
            VisitDirectory(entry, inode, first);
        else if (first)
            CountInode(inode, entry);
        else if (inode.Kind == FileKind.Regular)
            _extraLinks++;
        return true;
    }

    private void VisitDirectory(ImageWalkEntry entry, InodeInfo inode, bool first)
    {
        if (!first)
        {
            _loops++;
            Problem(entry, inode.Nid, "directory reached a second time (loop): not descended into");
            return;
        }
        CountInode(inode, entry);
        if (!_walker.Descend(entry))
        {
            _depthHits++;
            Problem(entry, inode.Nid, $"deeper than {image.Options.Limits.MaxDirectoryDepth} levels: not descended into");
        }
    }

    private void CountInode(InodeInfo inode, ImageWalkEntry entry)
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
                Problem(entry, inode.Nid, problem);
        }
        if (inode.XattrSize > 0)
            CountXattrs(inode, entry);
    }

    private void CountXattrs(InodeInfo inode, ImageWalkEntry entry)
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
            Problem(entry, inode.Nid, $"xattrs: {e.Message}");
        }
    }

    private void StopAtEntryCap(ImageWalkEntry directory)
    {
        _entryLimitReached = true;
        Problem(directory, directory.Nid, $"more than {_entryCap} entries, more than the image can hold: directory blocks are reused; walk stopped");
    }

    private void Unreadable(ImageWalkEntry directory, string message)
    {
        _unreadable++;
        Problem(directory, directory.Nid, message);
    }

    private void Problem(ImageWalkEntry entry, ulong? nid, string message)
    {
        // Only kept problems pay for building their path text.
        if (++_problemCount <= StatisticsReport.MaxProblemsKept)
            _problems.Add(new DumpProblem(ShortPath.Of(entry), nid, message));
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
