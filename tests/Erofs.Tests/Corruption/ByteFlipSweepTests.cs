using Xunit.Abstractions;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Sampled single-byte corruption of the metadata of small uncompressed corpus images: whatever
/// byte is flipped, open + fsck + read everything + extract gives only allowed exceptions, never hangs.
/// </summary>
public sealed class ByteFlipSweepTests(ITestOutputHelper output)
{
    private const int Seed = 20240611;
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("b512", 800)]
    [InlineData("extended", 800)]
    [InlineData("xattr-prefix", 800)]
    [InlineData("chunked-indexes", 800)]
    [InlineData("metabox", 800)]
    [InlineData("blobdev", 800)]
    public void SingleByteFlipsInMetadataOnlyGiveAllowedExceptions(string image, int trials)
    {
        var flips = FlipSweep.Plan(HostileImage.Load(image), trials, Seed);
        var result = FlipSweep.Run(image, flips, thoroughEvery: 8, TrialTimeout);
        output.WriteLine($"{image}: {result.Trials} flips in {result.Elapsed.TotalSeconds:F1} s: open refused {result.OpenRefused}, "
            + $"read failures {result.WalkFailures}, fsck issues only {result.FsckOnly}, clean {result.Clean}, extracted {result.Extracted}");
        FlipSweep.AssertOnlyAllowedAndLocated(result, output);
    }
}
