using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>The compression summary of one inode (<c>erofs dump --path/--nid</c>).</summary>
public sealed class InodeCompressionTests
{
    private static readonly InodeReportOptions WithExtents = new() { IncludeExtents = true };

    private static InodeReport Report(string file, string path, InodeReportOptions? options = null)
    {
        using var image = DumpCorpus.Open(file);
        return InodeReport.ForPath(image, path, options ?? WithExtents)!;
    }

    // Stored bytes by the definition: distinct (kind, offset, length) of extents that store data.
    private static long DistinctStored(IEnumerable<Extent> extents) => extents
        .Where(e => e.Kind is ExtentKind.Compressed or ExtentKind.Plain or ExtentKind.Inline)
        .DistinctBy(e => (e.Kind, e.PhysicalOffset, e.PhysicalLength))
        .Sum(e => e.PhysicalLength);

    [Fact]
    public void Lz4hcTextFileIsOneLz4PclusterWithAHighRatio()
    {
        var r = Report("lz4hc.erofs", "/big/text_3m");
        var c = r.Compression!;
        // dump.erofs 1.5 on this image: "Size: 307323  On-disk size: 4096", "Compression ratio: 1.33%",
        // and -e lists one extent 0..307323 stored at 299008..303104.
        var lz4 = Assert.Single(c.Encodings);
        Assert.Equal(ExtentEncoding.Lz4, lz4.Encoding);
        Assert.Equal(1, c.Pclusters);
        Assert.Equal(4096, c.StoredBytes);
        Assert.Equal(307323, c.LogicalBytes);
        Assert.Equal(1.33, Math.Round(c.StoredPercent!.Value, 2));
        Assert.True(c.Ratio > 1);
        Assert.True(c.IsComplete);
        Assert.Equal(299008, Assert.Single(r.Extents!).PhysicalOffset);
    }

    [Fact]
    public void Lz4hcMixedFileHasSeveralPclustersOfTwoEncodings()
    {
        var r = Report("lz4hc.erofs", "/big/mixed");
        var c = r.Compression!;
        // dump.erofs 1.5: "On-disk size: 81920", "Compression ratio: 51.20%", "20 extents found".
        Assert.Equal(20, c.Pclusters);
        Assert.Equal(20, c.Extents);
        Assert.Equal(81920, c.StoredBytes);
        Assert.Equal(51.20, Math.Round(c.StoredPercent!.Value, 2));
        Assert.Equal([ExtentEncoding.Lz4, ExtentEncoding.Shifted], c.Encodings.Select(e => e.Encoding));
        Assert.Equal(c.Pclusters, c.Encodings.Sum(e => e.Pclusters));
        Assert.Equal(c.StoredBytes, DistinctStored(r.Extents!));
        Assert.Equal(160000, c.Encodings.Sum(e => e.LogicalBytes));
    }

    [Theory]
    [InlineData("lz4.erofs", ExtentEncoding.Lz4)]
    [InlineData("lzma.erofs", ExtentEncoding.Lzma)]
    [InlineData("deflate.erofs", ExtentEncoding.Deflate)]
    [InlineData("zstd.erofs", ExtentEncoding.Zstd)]
    [InlineData("48bit-zstd.erofs", ExtentEncoding.Zstd)]
    public void EachAlgorithmIsNamedAndCompresses(string file, ExtentEncoding expected)
    {
        var r = Report(file, "/big/text_3m");
        var c = r.Compression!;
        Assert.Contains(c.Encodings, e => e.Encoding == expected && e.Pclusters > 0);
        Assert.All(r.Extents!.Where(e => e.Kind == ExtentKind.Compressed), e => Assert.Equal(expected, e.Encoding));
        Assert.True(c.Ratio > 1);
        Assert.Equal(c.StoredBytes, DistinctStored(r.Extents!));
        Assert.Equal((long)r.Size, c.LogicalBytes);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void APclusterSharedByExtentsIsStoredOnce()
    {
        // mkfs stores 24 MiB of zeros as a few pclusters that several extents decode again and again.
        var r = Report("large-zstd.erofs", "/zeros-24m.bin");
        var c = r.Compression!;
        var compressed = r.Extents!.Where(e => e.Kind == ExtentKind.Compressed).ToList();
        Assert.True(c.Pclusters < compressed.Count);
        Assert.Equal(compressed.DistinctBy(e => e.PhysicalOffset).Count(), c.Pclusters);
        Assert.True(c.StoredBytes < compressed.Sum(e => e.PhysicalLength));
        Assert.Equal(c.StoredBytes, DistinctStored(r.Extents!));
    }

    [Fact]
    public void FragmentTailsAreCountedApart()
    {
        var r = Report("large-zstd.erofs", "/binaries.bin");
        var c = r.Compression!;
        var fragment = Assert.Single(r.Extents!, e => e.Kind == ExtentKind.Fragment);
        Assert.Equal(1, c.FragmentExtents);
        Assert.Equal(fragment.Length, c.FragmentBytes);
        Assert.Equal((long)r.Size, c.LogicalBytes);
        Assert.Equal(r.Extents!.Count - 1, c.Encodings.Sum(e => e.Extents));
    }

    [Fact]
    public void WholeFileFragmentStoresNothingOfItsOwn()
    {
        var r = Report("lz4-all-fragments-dedupe.erofs", "/dup/copy0.bin");
        var c = r.Compression!;
        Assert.Equal(ExtentKind.Fragment, Assert.Single(r.Extents!).Kind);
        Assert.Equal(0, c.StoredBytes);
        Assert.Null(c.Ratio);
        Assert.Equal(0.0, c.StoredPercent);
        Assert.Empty(c.Encodings);
        Assert.Equal((long)r.Size, c.FragmentBytes);
    }

    [Theory]
    [InlineData("lz4-ztailpacking.erofs", ExtentEncoding.Lz4)]
    [InlineData("zstd-ztailpacking.erofs", ExtentEncoding.Zstd)]
    public void InlineCompressedTailIsAPcluster(string file, ExtentEncoding encoding)
    {
        var r = Report(file, "/big/mixed");
        var tail = r.Extents![^1];
        Assert.Equal(ExtentKind.Inline, tail.Kind);
        Assert.Equal(encoding, tail.Encoding);
        Assert.Equal(r.Extents.Count, r.Compression!.Pclusters);
        Assert.Equal(r.Compression.StoredBytes, DistinctStored(r.Extents));
    }

    [Fact]
    public void SummaryNeedsNoExtentListAndFlatFilesHaveNone()
    {
        var r = Report("lz4hc.erofs", "/big/mixed", new InodeReportOptions { IncludeExtents = false });
        Assert.Null(r.Extents);
        Assert.Null(r.ExtentsNote);
        Assert.Equal(81920, r.Compression!.StoredBytes);
        Assert.Null(Report("plain.erofs", "/big/mixed").Compression);
        Assert.Null(Report("lz4hc.erofs", "/big/rand_2m").Compression);
    }

    [Fact]
    public void CapsLimitTheListAndMarkTheSummaryIncomplete()
    {
        var r = Report("large-zstd.erofs", "/random-3m.bin", new InodeReportOptions { MaxExtents = 3, MaxSummaryExtents = 5 });
        Assert.Equal(3, r.Extents!.Count);
        Assert.True(r.ExtentsTruncated);
        Assert.NotNull(r.ExtentsNote);
        Assert.Equal(5, r.Compression!.Extents);
        Assert.False(r.Compression.IsComplete);
        var whole = Report("large-zstd.erofs", "/random-3m.bin", new InodeReportOptions { IncludeExtents = false });
        Assert.True(whole.Compression!.IsComplete);
        Assert.Equal(3L << 20, whole.Compression.LogicalBytes);
    }

    /// <summary>
    /// Independent fact: the inode's own compressed-block count (<c>i_u.compressed_blocks</c>, what
    /// dump.erofs 1.5 prints as "On-disk size") equals the file's distinct pclusters on the device;
    /// inline tails and fragments are not in it. With 48-bit encoded extents pclusters need not be
    /// block-aligned, and the count is the blocks they span.
    /// </summary>
    [Theory]
    [InlineData("lz4.erofs")]
    [InlineData("lz4hc.erofs")]
    [InlineData("lz4-legacy.erofs")]
    [InlineData("lz4hc-bigpcluster.erofs")]
    [InlineData("lz4-ztailpacking.erofs")]
    [InlineData("lzma-ztail-frag.erofs")]
    [InlineData("deflate.erofs")]
    [InlineData("zstd.erofs")]
    [InlineData("large-zstd.erofs")]
    [InlineData("48bit-zstd.erofs")]
    public void DeviceStoredBytesMatchTheInodesCompressedBlockCount(string file)
    {
        using var image = DumpCorpus.Open(file);
        int checkedFiles = 0;
        foreach (var inode in CompressedFiles(image, file))
        {
            var r = InodeReport.Create(image, inode, null, WithExtents);
            long inline = r.Extents!.Where(e => e.Kind == ExtentKind.Inline).Sum(e => e.PhysicalLength);
            long device = r.Compression!.StoredBytes - inline;
            long blocks = (device + image.BlockSize - 1) / image.BlockSize;
            Assert.Equal(inode.RawU, (ulong)blocks);
            if (!file.StartsWith("48bit", StringComparison.Ordinal))
                Assert.Equal(device, blocks * image.BlockSize);
            checkedFiles++;
        }
        Assert.True(checkedFiles > 0);
    }

    /// <summary>
    /// Independent fact: dump.erofs 1.5 -S on lz4hc.erofs (and its lz4 variants) prints "total
    /// original file size: 1929634" and "total file size: 839193": per path, compressed files at
    /// their compressed blocks and the others at their size.
    /// </summary>
    [Theory]
    [InlineData("lz4.erofs")]
    [InlineData("lz4hc.erofs")]
    [InlineData("lz4hc-bigpcluster.erofs")]
    public void PerPathTotalsMatchDumpErofs15(string file)
    {
        using var image = DumpCorpus.Open(file);
        long original = 0, onDisk = 0;
        foreach (var entry in DumpCorpus.Manifest(file.Replace(".erofs", ".manifest.jsonl", StringComparison.Ordinal)))
        {
            if (FileModes.KindOf(entry.Mode) != FileKind.Regular)
                continue;
            var inode = image.ResolvePath(entry.Path)!;
            original += (long)inode.Size;
            onDisk += inode.IsCompressed ? InodeReport.Create(image, inode).Compression!.StoredBytes : (long)inode.Size;
        }
        Assert.Equal(1929634, original);
        Assert.Equal(839193, onDisk);
    }

    internal static IEnumerable<InodeInfo> CompressedFiles(ErofsImage image, string file) =>
        DumpCorpus.Manifest(file.Replace(".erofs", ".manifest.jsonl", StringComparison.Ordinal))
            .Where(e => FileModes.KindOf(e.Mode) == FileKind.Regular)
            .Select(e => image.ResolvePath(e.Path)!)
            .Where(i => i.IsCompressed)
            .DistinctBy(i => i.Nid);
}
