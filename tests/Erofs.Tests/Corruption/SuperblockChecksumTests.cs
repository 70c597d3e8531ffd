using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>With CRC checking on (the default), damage anywhere in the covered first block is refused.</summary>
public sealed class SuperblockChecksumTests
{
    private static readonly ReadOptions ChecksumOn = new();

    [Theory]
    [InlineData("plain")]
    [InlineData("b1024")]
    [InlineData("b512")]
    public void EveryByteFlipInTheCoveredRangeIsAContentError(string name)
    {
        var outcomes = FlipEachCoveredByte(name);
        var wrongType = outcomes.Where(o => o.Error is not ErofsContentException).ToList();
        Assert.True(wrongType.Count == 0, Describe("flips not refused with ErofsContentException", wrongType));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("b512")]
    public void EveryByteFlipBesidesMagicBlockSizeAndTheChecksumBitIsAChecksumMismatch(string name)
    {
        // As the kernel does: the CRC is verified right after the magic (and the block size it
        // needs), before any other field is judged. Only the SB_CHKSUM bit itself is unprotected.
        var exempt = new HashSet<long>
        {
            Superblock.Position + Superblock.Offsets.Magic, Superblock.Position + Superblock.Offsets.Magic + 1,
            Superblock.Position + Superblock.Offsets.Magic + 2, Superblock.Position + Superblock.Offsets.Magic + 3,
            Superblock.Position + Superblock.Offsets.FeatureCompat, Superblock.Position + Superblock.Offsets.BlkSzBits,
        };
        var outcomes = FlipEachCoveredByte(name);
        var other = outcomes.Where(o => !exempt.Contains(o.Offset) && o.Error?.Message.Contains("checksum mismatch", StringComparison.Ordinal) != true).ToList();
        Assert.True(other.Count == 0, Describe("flips not reported as checksum mismatch", other));
    }

    private static List<(long Offset, Exception? Error)> FlipEachCoveredByte(string name)
    {
        var image = HostileImage.Load(name);
        int covered = SuperblockChecksum.CoveredLength(image.Superblock.BlockSize);
        var outcomes = new List<(long, Exception?)>();
        for (long at = Superblock.Position; at < Superblock.Position + covered; at++)
        {
            image.Xor(at, 0xFF);
            try
            {
                image.Open(ChecksumOn).Dispose();
                outcomes.Add((at, null));
            }
            catch (Exception e) when (Allowed.IsAllowed(e))
            {
                outcomes.Add((at, e));
            }
            finally
            {
                image.Xor(at, 0xFF);
            }
        }
        return outcomes;
    }

    private static string Describe(string what, List<(long Offset, Exception? Error)> outcomes) =>
        $"{outcomes.Count} {what}:\n" + string.Join("\n", outcomes.Take(12).Select(o =>
            $"  superblock +{o.Offset - Superblock.Position}: {(o.Error is null ? "accepted" : $"{o.Error.GetType().Name}: {o.Error.Message}")}"));

    [Fact]
    public void ChecksumMismatchNamesTheChecksumField()
    {
        var image = HostileImage.Load("plain");
        image.Xor(image.Inode("/").Location, 0x04);
        var e = Expect.OpenFails(image, "checksum mismatch", ChecksumOn);
        Assert.Equal(Superblock.Position + Superblock.Offsets.Checksum, e.Offset);
    }

    [Fact]
    public void AFieldFlipWithARecomputedChecksumReachesTheFieldCheck()
    {
        var image = HostileImage.Load("plain");
        image.WriteU8(HostileImage.SuperblockField(Superblock.Offsets.DirBlkBits), 3);
        image.FixChecksum();
        Expect.OpenFails(image, "dirblkbits", ChecksumOn);
    }

    [Fact]
    public void ClearingTheChecksumFeatureBitDisablesTheCheckButTheDataStaysCorrect()
    {
        // A known limit of the format: SB_CHKSUM itself is not protected. One bit off, the image
        // is simply an image without a checksum, and everything must still read correctly.
        var image = HostileImage.Load("plain");
        image.Xor(HostileImage.SuperblockField(Superblock.Offsets.FeatureCompat), (byte)FeatureCompat.SuperblockChecksum);
        var report = Bounded.Walk(image, ChecksumOn);
        Assert.True(report.Clean, report.Describe());
    }
}
