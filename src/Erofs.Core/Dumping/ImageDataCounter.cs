using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// The compression part of <see cref="StatisticsReport.Collect"/>: maps the extents of each
/// distinct regular file, then the extents of the packed inode that hold those files' fragments,
/// into one <see cref="CompressionTally"/>, within an <see cref="ExtentBudget"/>. Mapping reads
/// index metadata only, never file data.
/// </summary>
internal sealed class ImageDataCounter(ErofsImage image, ExtentBudget budget, CancellationToken cancellationToken)
{
    private const int CancellationInterval = 4096;

    private readonly CompressionTally _tally = new(image.Superblock.BlockSizeBits);
    private long _allowed = budget.Base;
    private long _mapped;

    /// <summary>True once the budget ran out: files met afterwards are not mapped.</summary>
    public bool BudgetExhausted { get; private set; }

    /// <summary>Maps a regular file; returns what went wrong (the file is then counted up to the failure), or null.</summary>
    public string? CountFile(InodeInfo inode)
    {
        if (BudgetExhausted)
            return null;
        _allowed = SaturatingAdd(_allowed, budget.PerFile);
        try
        {
            foreach (var extent in image.GetExtents(inode))
            {
                if (!Charge())
                    return Exhaust();
                _tally.AddFileExtent(extent, inode.Nid);
            }
            return null;
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            _tally.MarkIncomplete();
            return $"extents: {e.Message}";
        }
    }

    /// <summary>
    /// Maps the packed inode once, after all files, counting only its extents that overlap a
    /// fragment some file uses (directories may keep fragments there too); returns what went wrong, or null.
    /// </summary>
    public string? CountPackedInode()
    {
        ulong nid = image.Superblock.PackedNid;
        if (BudgetExhausted || _tally.FragmentRanges.Count == 0)
            return null;
        if (nid == 0)
        {
            _tally.MarkIncomplete();
            return "files have fragments, but the image has no packed inode";
        }
        try
        {
            var packed = image.GetInode(nid);
            _allowed = SaturatingAdd(_allowed, budget.PerFile);
            return MapPacked(packed, Merge(_tally.FragmentRanges));
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            _tally.MarkIncomplete();
            return e.Message;
        }
    }

    /// <summary>The image's summary, with the packed inode's share.</summary>
    public CompressionSummary Build() => _tally.Build(withPacked: true);

    // Both sequences are in logical order: one pass, stopping after the last fragment.
    private string? MapPacked(InodeInfo packed, List<(long Start, long End)> wanted)
    {
        int next = 0;
        foreach (var extent in image.GetExtents(packed))
        {
            while (next < wanted.Count && wanted[next].End <= extent.LogicalOffset)
                next++;
            if (next == wanted.Count)
                return null;
            if (!Charge())
                return Exhaust();
            if (wanted[next].Start < extent.LogicalEnd)
                _tally.AddPackedExtent(extent, packed.Nid);
        }
        return null;
    }

    private static List<(long Start, long End)> Merge(IEnumerable<(long Offset, long Length)> ranges)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var (offset, length) in ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset))
        {
            long end = SaturatingAdd(offset, length);
            if (merged.Count > 0 && offset <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else
                merged.Add((offset, end));
        }
        return merged;
    }

    // Takes one extent from the budget; false when none is left.
    private bool Charge()
    {
        if (_mapped >= _allowed)
            return false;
        if (++_mapped % CancellationInterval == 0)
            cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    private string Exhaust()
    {
        BudgetExhausted = true;
        _tally.MarkIncomplete();
        return $"more than {_allowed} extents, more than the image's mapping records can describe: "
            + "mapping stopped, compression totals cover the extents mapped so far";
    }

    private static bool IsContentProblem(Exception e) => e is ErofsContentException or NotSupportedException or IOException;

    private static long SaturatingAdd(long total, long value) => value > long.MaxValue - total ? long.MaxValue : total + value;
}
