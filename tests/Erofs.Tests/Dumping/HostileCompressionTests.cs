using Erofs.Dumping;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Dumping;

/// <summary>Compression counting on damaged images: failures become problems, budgets bound the work.</summary>
public sealed class HostileCompressionTests
{
    private const string Victim = "/big/mixed";

    private static readonly ReadOptions Unchecked = new() { VerifySuperblockChecksum = false, Conformance = ErofsConformance.Lax };

    /// <summary>lz4.erofs with an unknown algorithm in <see cref="Victim"/>'s map header: mapping it throws.</summary>
    private static ErofsImage UnknownAlgorithmImage()
    {
        var bytes = File.ReadAllBytes(DumpCorpus.PathOf("lz4.erofs"));
        using (var original = DumpCorpus.Open("lz4.erofs"))
        {
            var inode = original.ResolvePath(Victim)!;
            Assert.Equal(0ul, inode.Nid >> 63);
            long header = (inode.Location + inode.InodeSize + inode.XattrSize + 7) & ~7L;
            bytes[header + 6] = 0xFF; // h_algorithmtype
        }
        return ErofsImage.Open(new MemoryBlockSource(bytes), Unchecked);
    }

    [Fact]
    public void AFileWhoseMappingFailsIsAProblemAndTheRestIsCounted()
    {
        using var image = UnknownAlgorithmImage();
        var r = StatisticsReport.Collect(image);
        var problem = Assert.Single(r.Problems);
        Assert.Equal(Victim, problem.Path);
        Assert.StartsWith("extents:", problem.Message);
        Assert.False(r.Compression.IsComplete);
        Assert.False(r.ExtentLimitReached);
        Assert.Equal(3200, r.Paths.Total);
        using var intact = DumpCorpus.Open("lz4.erofs");
        var whole = StatisticsReport.Collect(intact).Compression;
        Assert.Equal(whole.LogicalBytes - 160000, r.Compression.LogicalBytes);
        Assert.True(r.Compression.StoredBytes < whole.StoredBytes);
    }

    [Fact]
    public void TheInodeReportKeepsItsOtherParts()
    {
        using var image = UnknownAlgorithmImage();
        var r = InodeReport.ForPath(image, Victim)!;
        Assert.Contains(r.Problems, p => p.StartsWith("extents:", StringComparison.Ordinal));
        Assert.False(r.Compression!.IsComplete);
        Assert.Equal(160000ul, r.Size);
        Assert.Empty(r.Extents!);
    }

    [Fact]
    public void TheExtentBudgetStopsMappingButNotTheWalk()
    {
        using var image = DumpCorpus.Open("lz4hc.erofs");
        var r = new StatisticsCollector(image, null, default, new ExtentBudget(10, 0)).Run();
        Assert.True(r.ExtentLimitReached);
        Assert.Equal(10, r.Compression.Extents);
        Assert.False(r.Compression.IsComplete);
        var problem = Assert.Single(r.Problems);
        Assert.Contains("mapping stopped", problem.Message);
        Assert.Equal(3200, r.Paths.Total);
        Assert.Equal(0, r.Compression.PackedExtents);
    }

    [Fact]
    public void TheBudgetGrowsPerFile()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        // Flat files have at most two extents: two per file is always enough.
        var r = new StatisticsCollector(image, null, default, new ExtentBudget(0, 2)).Run();
        Assert.False(r.ExtentLimitReached);
        Assert.True(r.Compression.IsComplete);
        Assert.Equal(r.TotalFileBytes, r.Compression.LogicalBytes);
    }

    [Fact]
    public void AForgedBlockCountDoesNotWidenTheBudget()
    {
        var bytes = File.ReadAllBytes(DumpCorpus.PathOf("lz4hc.erofs"));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(Superblock.Position + Superblock.Offsets.BlocksLo), uint.MaxValue);
        using var image = ErofsImage.Open(new MemoryBlockSource(bytes), Unchecked);
        Assert.Equal(bytes.Length / 2, WalkLimits.ExtentsOf(image).Base);
    }
}
