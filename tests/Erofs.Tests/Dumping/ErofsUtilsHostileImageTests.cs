using System.Buffers.Binary;
using Erofs.Dumping;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Dumping;

/// <summary>
/// dump.erofs recurses forever on a directory loop; our dump.erofs-compatible counting and path
/// search must end, count what they can and say what they skipped.
/// </summary>
public sealed class ErofsUtilsHostileImageTests
{
    private const string Looping = "/deep/level0/level1";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StatisticsCutALoopAndSayWhere(bool toRoot)
    {
        using var image = HostileImageTests.PatchedImage(original => toRoot ? original.Root.Nid : original.ResolvePath("/deep/level0")!.Nid);
        var s = ErofsUtilsStatistics.Collect(image);

        long below = DumpCorpus.Manifest("plain.manifest.jsonl").Count(e => e.Path.StartsWith(Looping + "/", StringComparison.Ordinal));
        Assert.True(below > 0);
        // The looping entry is still a path; what was below the original directory is gone.
        Assert.Equal(3200 - below, s.Files);
        var problem = Assert.Single(s.Problems);
        Assert.Equal(Looping, problem.Path);
        Assert.Contains("loop", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathSearchEndsOnALoopedImage()
    {
        using var original = DumpCorpus.Open("plain.erofs");
        ulong hidden = original.ResolvePath(Looping + "/level2")!.Nid;
        ulong mixed = original.ResolvePath("/big/mixed")!.Nid;
        using var image = HostileImageTests.PatchedImage(o => o.Root.Nid);

        Assert.Null(ErofsUtilsPathName.Find(image, hidden));
        Assert.Equal("/big/mixed"u8.ToArray(), ErofsUtilsPathName.Find(image, mixed));
    }

    [Fact]
    public void DepthLimitStopsTheDescent()
    {
        var options = new ReadOptions { Limits = ReadLimits.Default with { MaxDirectoryDepth = 5 } };
        using var image = ErofsImage.Open(DumpCorpus.PathOf("plain.erofs"), options);
        var s = ErofsUtilsStatistics.Collect(image);
        Assert.Contains(s.Problems, p => p.Path == "/deep/level0/level1/level2/level3/level4" && p.Message.Contains("deeper", StringComparison.Ordinal));
        Assert.True(s.Files < 3200);
        Assert.Null(ErofsUtilsPathName.Find(image, image.ResolvePath("/deep/level0/level1/level2/level3/level4/level5")!.Nid));
    }

    [Fact]
    public void WalkStopsAfterMoreEntriesThanTheImageCanHold()
    {
        // Claim a single block: the entries really present exceed what one block can hold.
        var bytes = File.ReadAllBytes(DumpCorpus.PathOf("plain.erofs"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(1024 + Erofs.Format.Superblock.Offsets.BlocksLo), 1);
        using var image = ErofsImage.Open(new MemoryBlockSource(bytes), new ReadOptions { VerifySuperblockChecksum = false });
        var s = ErofsUtilsStatistics.Collect(image);
        Assert.Equal(4096 / 13 + 2, s.Files);
        Assert.Contains(s.Problems, p => p.Message.Contains("walk stopped", StringComparison.Ordinal));
    }
}
