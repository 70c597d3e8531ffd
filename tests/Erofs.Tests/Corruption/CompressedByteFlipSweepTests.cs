using Xunit.Abstractions;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Sampled single-byte corruption of compressed images: map headers, compact / full / big-pcluster /
/// ztailpacking / fragment / encoded-extent indexes, the superblock's compression fields, and the
/// stored pclusters. Whatever byte is flipped, open + fsck + read everything + extract (every Nth
/// trial) gives only allowed exceptions and never hangs. EROFS has no data checksums, so a flipped
/// pcluster byte may decode to other bytes without an error: data flips are held to the same rule only.
/// </summary>
public sealed class CompressedByteFlipSweepTests(ITestOutputHelper output)
{
    private const int Seed = 20250705;
    private const int ThoroughEvery = 8;
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("lz4", 450, 150)]
    [InlineData("lz4hc-bigpcluster", 450, 150)]
    [InlineData("lz4-legacy", 450, 150)]
    [InlineData("zstd-ztailpacking", 450, 150)]
    [InlineData("lz4-all-fragments-dedupe", 450, 150)]
    [InlineData("48bit-zstd", 450, 150)]
    public void SingleByteFlipsInCompressedMetadataAndPclustersOnlyGiveAllowedExceptions(string image, int metadataFlips, int dataFlips)
    {
        var flips = CompressedFlipPlan.Plan(HostileImage.Load(image), metadataFlips, dataFlips, Seed);
        var result = FlipSweep.Run(image, flips, ThoroughEvery, TrialTimeout);
        output.WriteLine($"{image}: {metadataFlips} metadata + {dataFlips} pcluster flips in {result.Elapsed.TotalSeconds:F1} s: "
            + $"open refused {result.OpenRefused}, read failures {result.WalkFailures}, fsck issues only {result.FsckOnly}, "
            + $"clean {result.Clean}, extracted {result.Extracted}");
        FlipSweep.AssertOnlyAllowedAndLocated(result, output);
    }
}
