using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Counts one <see cref="ImageWalker"/> walk the way dump.erofs -S does, for <see cref="ErofsUtilsStatistics.Collect"/>.</summary>
internal sealed class ErofsUtilsStatisticsCollector(ErofsImage image, IProgress<long>? progress, CancellationToken cancellationToken)
{
    private const int ProgressInterval = 1024;

    private static readonly ImageWalkOptions WalkOptions = new() { DepthLimit = DepthLimitMode.RefuseDescent, IsRecoverable = IsContentProblem };

    private readonly long[] _categories = new long[8];
    private readonly long[] _original = new long[ErofsUtilsSizes.BucketCount];
    private readonly long[] _onDisk = new long[ErofsUtilsSizes.BucketCount];
    private readonly long[] _fileTypes = new long[ErofsUtilsFileTypes.Labels.Count];
    private readonly List<DumpProblem> _problems = [];
    private readonly ImageWalker _walker = new(image, WalkOptions);
    private readonly long _entryCap = WalkLimits.EntryCap(image);
    private readonly int _blockSizeBits = image.Superblock.BlockSizeBits;
    private long _files, _compressed, _uncompressed, _problemCount;
    private ulong _originalSize, _totalSize;

    public ErofsUtilsStatistics Run()
    {
        foreach (var step in _walker.Walk())
        {
            if (step.Kind == ImageWalkStepKind.ReadingDirectory)
                cancellationToken.ThrowIfCancellationRequested();
            else if (step.Failure is { } failure)
                Problem(step.Entry, failure.Message);
            else if (!Visit(step.Entry))
                break;
        }
        CountPackedInode();
        progress?.Report(_files);
        return new ErofsUtilsStatistics
        {
            Files = _files,
            Categories = _categories,
            CompressedFiles = _compressed,
            UncompressedFiles = _uncompressed,
            TotalOriginalSize = _originalSize,
            TotalSize = _totalSize,
            OriginalSizes = _original,
            OnDiskSizes = _onDisk,
            FileTypes = _fileTypes,
            Problems = _problems,
            ProblemCount = _problemCount,
        };
    }

    // Counts one path; false when the entry cap ends the walk.
    private bool Visit(ImageWalkEntry entry)
    {
        if (!entry.IsRoot && _files >= _entryCap)
        {
            Problem(entry.Parent!, $"more than {_entryCap} entries, more than the image can hold: directory blocks are reused; walk stopped");
            return false;
        }
        InodeInfo inode;
        try
        {
            inode = entry.Inode;
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            Problem(entry, e.Message);
            return true;
        }
        if (++_files % ProgressInterval == 0)
        {
            progress?.Report(_files);
            cancellationToken.ThrowIfCancellationRequested();
        }
        _categories[(int)inode.Kind]++;
        ulong occupied = CountLayout(inode);
        if (inode.Kind == FileKind.Regular)
        {
            _originalSize = unchecked(_originalSize + inode.Size);
            _fileTypes[ErofsUtilsFileTypes.Classify(entry.Dirent?.NameBytes ?? [])]++;
            _totalSize = unchecked(_totalSize + occupied);
            _original[ErofsUtilsSizes.Bucket(inode.Size)]++;
            _onDisk[ErofsUtilsSizes.Bucket(occupied)]++;
        }
        else if (inode.Kind == FileKind.Directory)
        {
            Descend(entry);
        }
        return true;
    }

    // dump.erofs recurses into every directory entry; here a directory is read once, so a hostile loop ends.
    private void Descend(ImageWalkEntry entry)
    {
        if (!_walker.TryClaim(entry))
            Problem(entry, "directory reached a second time (loop): not descended into");
        else if (!_walker.Descend(entry))
            Problem(entry, $"deeper than {image.Options.Limits.MaxDirectoryDepth} levels: not descended into");
    }

    // The compressed/uncompressed split counts every inode, whatever its type.
    private ulong CountLayout(InodeInfo inode)
    {
        if (inode.IsCompressed)
            _compressed++;
        else
            _uncompressed++;
        return ErofsUtilsSizes.Occupied(inode, _blockSizeBits);
    }

    // The packed inode holds other files' fragments; dump.erofs adds its on-disk size once more.
    private void CountPackedInode()
    {
        ulong nid = image.Superblock.PackedNid;
        if ((image.Superblock.FeatureIncompat & FeatureIncompat.Fragments) == 0 || nid == 0)
            return;
        try
        {
            ulong occupied = CountLayout(image.GetInode(nid));
            _totalSize = unchecked(_totalSize + occupied);
            _onDisk[ErofsUtilsSizes.Bucket(occupied)]++;
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            if (++_problemCount <= StatisticsReport.MaxProblemsKept)
                _problems.Add(new DumpProblem(StatisticsCollector.PackedInodePath, nid, e.Message));
        }
    }

    private void Problem(ImageWalkEntry entry, string message)
    {
        if (++_problemCount <= StatisticsReport.MaxProblemsKept)
            _problems.Add(new DumpProblem(ShortPath.Of(entry), entry.Nid, message));
    }

    private static bool IsContentProblem(Exception e) => e is ErofsContentException or NotSupportedException or IOException;
}
