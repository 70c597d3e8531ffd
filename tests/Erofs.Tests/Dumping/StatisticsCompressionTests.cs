using Erofs.Dumping;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>The image's total compression (<c>erofs dump -S</c>).</summary>
public sealed class StatisticsCompressionTests
{
    public static TheoryData<string> CompressedImages() =>
    [
        "lz4.erofs", "lz4hc.erofs", "lz4hc-bigpcluster.erofs", "lz4-legacy.erofs", "lz4-ztailpacking.erofs",
        "lz4-fragments.erofs", "lz4-all-fragments-dedupe.erofs", "lzma.erofs", "lzma-ztail-frag.erofs",
        "deflate.erofs", "zstd.erofs", "zstd-ztailpacking.erofs", "compressed-dirs.erofs", "metadata-zone.erofs",
        "48bit-zstd.erofs", "metabox-lz4.erofs", "tar-full-lz4-fingerprint.erofs",
        "large-lz4hc.erofs", "large-lzma.erofs", "large-zstd.erofs", "large-deflate.erofs",
    ];

    [Theory]
    [MemberData(nameof(CompressedImages))]
    public void EveryCompressedImageIsCountedCompletelyWithoutProblems(string file)
    {
        using var image = DumpCorpus.Open(file);
        var r = StatisticsReport.Collect(image);
        var c = r.Compression;
        Assert.Equal(0, r.ProblemCount);
        Assert.Equal(0, r.UnreadableDirectories);
        Assert.False(r.ExtentLimitReached);
        Assert.True(c.IsComplete);
        Assert.Equal(r.TotalFileBytes, c.LogicalBytes);
        Assert.True(c.Ratio > 1, $"ratio {c.Ratio}");
        // The per-encoding rows add up to the totals.
        Assert.Equal(c.StoredBytes, c.Encodings.Sum(e => e.StoredBytes));
        Assert.Equal(c.Pclusters, c.Encodings.Sum(e => e.Pclusters));
        Assert.Equal(c.LogicalBytes, c.Encodings.Sum(e => e.LogicalBytes) + c.FragmentBytes + c.HoleBytes);
        Assert.Equal(c.Extents, c.Encodings.Sum(e => e.Extents) + c.FragmentExtents + c.HoleExtents);
        Assert.True(WalkLimits.ExtentsOf(image).Base >= 10 * (c.Extents + c.PackedExtents!.Value));
    }

    [Theory]
    [InlineData("lz4hc.erofs", ExtentEncoding.Lz4)]
    [InlineData("lzma.erofs", ExtentEncoding.Lzma)]
    [InlineData("deflate.erofs", ExtentEncoding.Deflate)]
    [InlineData("zstd.erofs", ExtentEncoding.Zstd)]
    public void EachImageUsesItsAlgorithm(string file, ExtentEncoding algorithm)
    {
        using var image = DumpCorpus.Open(file);
        var c = StatisticsReport.Collect(image).Compression;
        var compressing = c.Encodings.Select(e => e.Encoding)
            .Where(e => e is not (ExtentEncoding.None or ExtentEncoding.Shifted or ExtentEncoding.Interlaced));
        Assert.Equal([algorithm], compressing);
        Assert.True(c.Encodings.Single(e => e.Encoding == algorithm).Pclusters > 1);
    }

    /// <summary>Flat data by the definition, from sizes and layouts alone: whole blocks, tails inline at their size.</summary>
    private static long FlatStored(ErofsImage image, IEnumerable<InodeInfo> files)
    {
        long block = image.BlockSize;
        return files.Sum(i => i.Layout == InodeLayout.FlatPlain ? ((long)i.Size + block - 1) / block * block : (long)i.Size);
    }

    private static List<InodeInfo> DistinctFiles(ErofsImage image, string file) =>
        DumpCorpus.Manifest(file.Replace(".erofs", ".manifest.jsonl", StringComparison.Ordinal))
            .Where(e => FileModes.KindOf(e.Mode) == FileKind.Regular)
            .Select(e => image.ResolvePath(e.Path)!)
            .DistinctBy(i => i.Nid)
            .ToList();

    [Fact]
    public void PlainImageStoresWholeBlocksSoItsRatioIsAboutOne()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var files = DistinctFiles(image, "plain.erofs");
        var c = StatisticsReport.Collect(image).Compression;
        Assert.Equal(FlatStored(image, files), c.StoredBytes);
        Assert.Equal(files.Sum(i => (long)i.Size), c.LogicalBytes);
        // Block rounding only adds: less than a block per flat_plain file.
        Assert.InRange(c.StoredBytes - c.LogicalBytes, 0, (long)image.BlockSize * files.Count(i => i.Layout == InodeLayout.FlatPlain));
        Assert.Equal(ExtentEncoding.None, Assert.Single(c.Encodings).Encoding);
        Assert.Equal(1.0, c.Ratio!.Value, 3);
    }

    [Fact]
    public void Lz4hcImageIsTheSumOfItsFiles()
    {
        using var image = DumpCorpus.Open("lz4hc.erofs");
        var files = DistinctFiles(image, "lz4hc.erofs");
        var c = StatisticsReport.Collect(image).Compression;
        long compressed = files.Where(i => i.IsCompressed).Sum(i => InodeReport.Create(image, i).Compression!.StoredBytes);
        long flat = FlatStored(image, files.Where(i => !i.IsCompressed));
        Assert.Equal(compressed + flat, c.StoredBytes);
        Assert.Equal(flat, c.Encodings.Single(e => e.Encoding == ExtentEncoding.None).StoredBytes);
        // dump.erofs 1.5's compressed blocks of all 48 distinct compressed files (i_u.compressed_blocks).
        Assert.Equal(files.Where(i => i.IsCompressed).Sum(i => (long)i.RawU * image.BlockSize), compressed);
    }

    [Fact]
    public void LargeZstdReportsFragmentsAndThePackedInode()
    {
        using var image = DumpCorpus.Open("large-zstd.erofs");
        var r = StatisticsReport.Collect(image);
        var c = r.Compression;
        var fragments = DistinctFiles(image, "large-zstd.erofs").SelectMany(image.GetExtents).Where(e => e.Kind == ExtentKind.Fragment).ToList();
        Assert.NotEmpty(fragments);
        Assert.Equal(fragments.Count, c.FragmentExtents);
        Assert.Equal(fragments.Sum(e => e.Length), c.FragmentBytes);
        var packed = image.GetInode(image.Superblock.PackedNid);
        // No fragment is shared here: the packed inode holds exactly the fragments.
        Assert.Equal((long)packed.Size, c.FragmentBytes);
        var packedExtents = image.GetExtents(packed).ToList();
        Assert.Equal(packedExtents.Count, c.PackedExtents);
        Assert.Equal(packedExtents.Sum(e => e.PhysicalLength), c.PackedStoredBytes);
        Assert.True(c.PackedStoredBytes > 0);
    }

    [Fact]
    public void SharedFragmentIsStoredOnce()
    {
        using var image = DumpCorpus.Open("lz4-all-fragments-dedupe.erofs");
        var c = StatisticsReport.Collect(image).Compression;
        // The four copies point at one fragment: 35000 bytes stored once, read four times.
        var copies = Enumerable.Range(0, 4).Select(i => image.GetExtents(image.ResolvePath($"/dup/copy{i}.bin")!).Single()).ToList();
        Assert.All(copies, e => Assert.Equal(ExtentKind.Fragment, e.Kind));
        Assert.Single(copies.Select(e => e.PhysicalOffset).Distinct());
        var packed = image.GetInode(image.Superblock.PackedNid);
        Assert.Equal(c.LogicalBytes - 3 * 35000, (long)packed.Size);
        // Every file is a fragment: all storage is the packed inode's, each of its pclusters once.
        Assert.Equal(c.LogicalBytes, c.FragmentBytes);
        Assert.Equal(c.StoredBytes, c.PackedStoredBytes);
        var packedExtents = image.GetExtents(packed).ToList();
        Assert.Equal(packedExtents.Count, c.Pclusters);
        Assert.Equal(packedExtents.Sum(e => e.PhysicalLength), c.StoredBytes);
    }

    [Fact]
    public void DirectoryFragmentsAreNotFileData()
    {
        using var image = DumpCorpus.Open("compressed-dirs.erofs");
        var r = StatisticsReport.Collect(image);
        Assert.NotEqual(0ul, image.Superblock.PackedNid);
        Assert.Equal(0, r.Compression.FragmentExtents);
        Assert.Equal(0, r.Compression.PackedStoredBytes);
        Assert.Equal(3200, r.Paths.Total);
        // Same tree, same files compressed the same way as lz4.erofs: same file storage.
        using var lz4 = DumpCorpus.Open("lz4.erofs");
        Assert.Equal(StatisticsReport.Collect(lz4).Compression.StoredBytes, r.Compression.StoredBytes);
    }

    [Fact]
    public void SharedChunksAreCountedOnce()
    {
        using var image = DumpCorpus.Open("chunked.erofs");
        var c = StatisticsReport.Collect(image).Compression;
        var stored = DistinctFiles(image, "chunked.erofs").SelectMany(image.GetExtents).Where(e => e.Kind == ExtentKind.Plain).ToList();
        long block = image.BlockSize;
        // Independently: the set of (device, block) the chunks occupy. Copies share chunks, and
        // /dup/prefix_of_copy's chunk lies inside the copies' run.
        var blocks = new HashSet<(int, long)>();
        foreach (var e in stored)
        {
            for (long b = e.PhysicalOffset / block; b * block < e.PhysicalOffset + e.PhysicalLength; b++)
                blocks.Add((e.Device, b));
        }
        long perExtent = stored.Sum(e => (e.PhysicalLength + block - 1) / block * block);
        Assert.True(blocks.Count * block < perExtent);
        Assert.Equal(blocks.Count * block, c.StoredBytes);
        Assert.Equal(stored.DistinctBy(e => (e.Device, e.PhysicalOffset, e.PhysicalLength)).Count(), c.Pclusters);
        var prefix = image.GetExtents(image.ResolvePath("/dup/prefix_of_copy")!).First();
        var copy = image.GetExtents(image.ResolvePath("/dup/copy1.bin")!).First();
        Assert.Equal(copy.PhysicalOffset, prefix.PhysicalOffset);
        Assert.True(prefix.PhysicalLength < copy.PhysicalLength);
    }
}
