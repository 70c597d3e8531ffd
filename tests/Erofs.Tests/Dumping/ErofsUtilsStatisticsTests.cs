using Erofs.Dumping;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>dump.erofs -S counts its own way; scripts that parse it need the same numbers.</summary>
public sealed class ErofsUtilsStatisticsTests
{
    [Fact]
    public void FilesAreCountedPerPathSoAHardLinkCountsOncePerName()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var s = ErofsUtilsStatistics.Collect(image);
        var manifest = DumpCorpus.Manifest("plain.manifest.jsonl");

        // /hard/a, b and c are one inode with three names: three files, two more than the inodes.
        Assert.Equal(manifest.Count, s.Files);
        Assert.Equal((long)image.Superblock.InodeCount + 2, s.Files);
        Assert.Equal(manifest.Count(e => FileModes.KindOf(e.Mode) == FileKind.Regular), s.RegularFiles);
        Assert.Equal(manifest.Where(e => FileModes.KindOf(e.Mode) == FileKind.Regular).Sum(e => e.Size!.Value), (long)s.TotalOriginalSize);
        Assert.Equal(s.Files, s.Categories.Sum());
        Assert.Equal(s.RegularFiles, s.OriginalSizes.Sum());
        Assert.Equal(s.RegularFiles, s.FileTypes.Sum());
        Assert.Empty(s.Problems);
    }

    [Fact]
    public void EveryPathIsCompressedOrNotAndThePackedInodeCountsToo()
    {
        using var image = DumpCorpus.Open("lz4-fragments.erofs");
        Assert.NotEqual(0UL, image.Superblock.PackedNid);
        var s = ErofsUtilsStatistics.Collect(image);

        // Directories, symlinks and devices count as uncompressed files; the packed inode is one more.
        Assert.Equal(s.Files + 1, s.CompressedFiles + s.UncompressedFiles);
        // The on-disk distribution holds the packed inode as well, the original one does not.
        Assert.Equal(s.RegularFiles + 1, s.OnDiskSizes.Sum());
        Assert.Equal(s.RegularFiles, s.OriginalSizes.Sum());
        var packed = image.GetInode(image.Superblock.PackedNid);
        ulong files = SumOccupied(image, FileKind.Regular);
        Assert.Equal(files + ErofsUtilsSizes.Occupied(packed, image.Superblock.BlockSizeBits), s.TotalSize);
    }

    [Fact]
    public void WithoutFragmentsEveryPathIsCountedOnce()
    {
        using var image = DumpCorpus.Open("lz4.erofs");
        Assert.Equal(0, (int)(image.Superblock.FeatureIncompat & FeatureIncompat.Fragments));
        var s = ErofsUtilsStatistics.Collect(image);
        Assert.Equal(s.Files, s.CompressedFiles + s.UncompressedFiles);
        Assert.Equal(s.RegularFiles, s.OnDiskSizes.Sum());
    }

    [Fact]
    public void CompressedDirectoriesCountAsCompressedFiles()
    {
        using var image = DumpCorpus.Open("compressed-dirs.erofs");
        var s = ErofsUtilsStatistics.Collect(image);
        var walk = StatisticsReport.Collect(image);
        Assert.True(s.CompressedFiles > walk.CompressedFiles + 1, $"{s.CompressedFiles} compressed paths, {walk.CompressedFiles} compressed regular inodes");
    }

    [Fact]
    public void OnDiskSizeOfACompressedInodeIsItsBlockCountField()
    {
        using var image = DumpCorpus.Open("lz4.erofs");
        var inode = image.ResolvePath("/big/text_3m")!;
        Assert.True(inode.IsCompressed);
        Assert.Equal(inode.StartBlock * 4096, ErofsUtilsSizes.Occupied(inode, 12));
        var flat = image.Root;
        Assert.False(flat.IsCompressed);
        Assert.Equal(flat.Size, ErofsUtilsSizes.Occupied(flat, 12));
    }

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1023UL, 0)]
    [InlineData(1024UL, 1)]
    [InlineData(2047UL, 1)]
    [InlineData(2048UL, 2)]
    [InlineData((32UL << 20) - 1, 15)]
    [InlineData(32UL << 20, 16)]
    [InlineData(ulong.MaxValue, 16)]
    public void SizeBucketsDoubleFromOneKibibyte(ulong size, int bucket) => Assert.Equal(bucket, ErofsUtilsSizes.Bucket(size));

    private static ulong SumOccupied(ErofsImage image, FileKind kind)
    {
        ulong sum = 0;
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            if (step.Kind != ImageWalkStepKind.Entry)
                continue;
            var inode = step.Entry.Inode;
            if (inode.Kind == kind)
                sum += ErofsUtilsSizes.Occupied(inode, image.Superblock.BlockSizeBits);
            if (inode.Kind == FileKind.Directory && walker.TryClaim(step.Entry))
                walker.Descend(step.Entry);
        }
        return sum;
    }
}
