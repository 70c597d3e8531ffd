using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

public sealed class StatisticsReportTests
{
    /// <summary>Facts derived from a manifest only (one line per path), independent of the reader.</summary>
    private sealed record ManifestFacts(Dictionary<FileKind, long> Paths, Dictionary<FileKind, long> Inodes,
        long FileBytes, long[] Buckets, long NonEmptyFiles, long HardLinkedFiles);

    private static ManifestFacts Facts(string manifest)
    {
        var entries = DumpCorpus.Manifest(manifest);
        var paths = new Dictionary<FileKind, long>();
        var inodes = new Dictionary<FileKind, long>();
        double bytes = 0, nonEmpty = 0;
        var buckets = new double[StatisticsReport.SizeBucketCount];
        // A file with n links appears on n lines: weight each line 1/n (all links lie inside the tree).
        var linkWeights = new Dictionary<FileKind, double>();
        var hardLinked = new HashSet<string>();
        foreach (var e in entries)
        {
            var kind = FileModes.KindOf(e.Mode);
            paths[kind] = paths.GetValueOrDefault(kind) + 1;
            double weight = kind == FileKind.Directory ? 1 : 1.0 / e.Nlink;
            linkWeights[kind] = linkWeights.GetValueOrDefault(kind) + weight;
            if (kind != FileKind.Regular)
                continue;
            if (e.Nlink > 1)
                hardLinked.Add($"{e.Sha256}/{e.Size}/{e.Nlink}");
            bytes += e.Size!.Value * weight;
            buckets[StatisticsReport.BucketOf((ulong)e.Size.Value)] += weight;
            nonEmpty += e.Size > 0 ? weight : 0;
        }
        foreach (var (kind, w) in linkWeights)
            inodes[kind] = (long)Math.Round(w);
        return new ManifestFacts(paths, inodes, (long)Math.Round(bytes), buckets.Select(b => (long)Math.Round(b)).ToArray(),
            (long)Math.Round(nonEmpty), hardLinked.Count);
    }

    [Fact]
    public void PlainImageCountsMatchTheManifest()
    {
        var facts = Facts("plain.manifest.jsonl");
        using var image = DumpCorpus.Open("plain.erofs");
        var r = StatisticsReport.Collect(image);

        foreach (var kind in Enum.GetValues<FileKind>().Where(k => k != FileKind.Unknown))
        {
            Assert.Equal(facts.Paths.GetValueOrDefault(kind), r.Paths[kind]);
            Assert.Equal(facts.Inodes.GetValueOrDefault(kind), r.Inodes[kind]);
        }
        Assert.Equal(3200, r.Paths.Total);
        Assert.Equal((long)image.Superblock.InodeCount, r.Inodes.Total);
        Assert.Equal(facts.FileBytes, r.TotalFileBytes);
        Assert.Equal(1, facts.HardLinkedFiles);
        Assert.Equal(facts.HardLinkedFiles, r.HardLinkedFiles);
        Assert.Equal(2, r.ExtraHardLinks);
        Assert.Equal(0, r.CompressedFiles);
        Assert.Equal(0, r.ProblemCount);
        Assert.Equal(0, r.DirectoryLoops);
    }

    [Fact]
    public void SizeDistributionCountsDistinctFilesPerPowerOfTwo()
    {
        var facts = Facts("plain.manifest.jsonl");
        using var image = DumpCorpus.Open("plain.erofs");
        var r = StatisticsReport.Collect(image);

        Assert.Equal(facts.Buckets, r.SizeDistribution.Select(b => b.Count).ToArray());
        Assert.Equal(r.Inodes.Regular, r.SizeDistribution.Sum(b => b.Count));
        Assert.Equal(0, r.SizeDistribution[0].MinBytes);
        Assert.Equal(1024, r.SizeDistribution[0].MaxBytes);
        Assert.Equal(4096, r.SizeDistribution[3].MinBytes);
        Assert.Null(r.SizeDistribution[^1].MaxBytes);
        Assert.Equal(32L << 20, r.SizeDistribution[^1].MinBytes);
    }

    [Fact]
    public void XattrsAreCountedPerDistinctInode()
    {
        var entries = DumpCorpus.Manifest("plain.manifest.jsonl");
        using var image = DumpCorpus.Open("plain.erofs");
        var r = StatisticsReport.Collect(image);
        Assert.DoesNotContain(entries, e => e.XattrCount > 0 && e.Nlink > 1 && FileModes.KindOf(e.Mode) != FileKind.Directory);
        Assert.Equal(entries.Count(e => e.XattrCount > 0), r.InodesWithXattrs);
        Assert.Equal(entries.Sum(e => e.XattrCount), r.XattrCount);
        Assert.Equal(0, r.FingerprintedFiles);
    }

    [Fact]
    public void FingerprintImageFingerprintsEveryNonEmptyFile()
    {
        var facts = Facts("fingerprint.manifest.jsonl");
        using var image = DumpCorpus.Open("fingerprint.erofs");
        var r = StatisticsReport.Collect(image);
        // mkfs fingerprints every non-empty regular file; a hard-linked one counts once.
        Assert.Equal(facts.NonEmptyFiles, r.FingerprintedFiles);
    }

    [Fact]
    public void Lz4ImageIsWalkedWithoutReadingCompressedData()
    {
        using var image = DumpCorpus.Open("lz4.erofs");
        var r = StatisticsReport.Collect(image);
        Assert.Equal(0, r.ProblemCount);
        Assert.Equal(3200, r.Paths.Total);
        Assert.Equal((long)image.Superblock.InodeCount, r.Inodes.Total);

        // Independent count: resolve every manifest path and look at its layout.
        var compressed = new Dictionary<ulong, ulong>();
        foreach (var e in DumpCorpus.Manifest("lz4.manifest.jsonl").Where(e => FileModes.KindOf(e.Mode) == FileKind.Regular))
        {
            var inode = image.ResolvePath(e.Path)!;
            if (inode.IsCompressed)
                compressed[inode.Nid] = inode.Size;
        }
        Assert.NotEmpty(compressed);
        Assert.Equal(compressed.Count, r.CompressedFiles);
        Assert.Equal((long)compressed.Values.Aggregate(0ul, (a, b) => a + b), r.CompressedFileBytes);
        Assert.Equal(r.CompressedFiles, r.Layouts.CompressedFull + r.Layouts.CompressedCompact);
    }

    [Fact]
    public void CompressedDirectoriesAreWalked()
    {
        using var image = DumpCorpus.Open("compressed-dirs.erofs");
        var r = StatisticsReport.Collect(image);
        Assert.True(image.Root.IsCompressed);
        Assert.Equal(0, r.UnreadableDirectories);
        Assert.Equal(0, r.ProblemCount);
        Assert.Equal(3200, r.Paths.Total);
        // The superblock's count includes the packed inode, which holds directory fragments.
        Assert.Equal(3198, r.Inodes.Total);
    }

    [Fact]
    public void ProgressReportsTheFinalEntryCount()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var progress = new Recorder();
        var r = StatisticsReport.Collect(image, progress);
        Assert.NotEmpty(progress.Values);
        Assert.Equal(r.Paths.Total, progress.Values[^1]);
        Assert.Equal(progress.Values.Order().ToList(), progress.Values);
    }

    [Fact]
    public void CancellationStopsTheWalk()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => StatisticsReport.Collect(image, null, cancel.Token));
    }

    [Fact]
    public void MetaboxImageHasTheSameTree()
    {
        using var image = DumpCorpus.Open("metabox.erofs");
        var r = StatisticsReport.Collect(image);
        Assert.Equal(0, r.ProblemCount);
        Assert.Equal(3200, r.Paths.Total);
        Assert.Equal(3198, r.Inodes.Total);
    }

    private sealed class Recorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
