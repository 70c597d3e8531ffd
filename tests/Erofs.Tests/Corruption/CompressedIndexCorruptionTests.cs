namespace Erofs.Tests.Corruption;

/// <summary>
/// One damaged lcluster index entry (erofs-format.md §8.3-8.4b): delta0, CBLKCNT, clusterofs and
/// HEAD block addresses, in full (lz4-legacy) and compact (lz4, lz4hc-bigpcluster, lz4-ztailpacking) indexes.
/// </summary>
public sealed class CompressedIndexCorruptionTests
{
    private const int NonHead = 2;
    private const int CblkCnt = 0x800;

    [Fact]
    public void ZeroDelta0OnTheLookbackFromTheTailIsAContentError()
    {
        // The inline tail is found by looking back from the last lcluster (75, PLAIN at EOF) through 74,
        // whose delta0 of 74 leads to the HEAD at 0. With delta0 = 0 no extent of the file can be mapped.
        var damage = CompressedDamage.Of("lz4-ztailpacking", "/big/text_3m");
        Assert.Equal((NonHead, 74), damage.Layout.ReadCompact(74));
        damage.Layout.WriteCompact(74, NonHead, 0);
        damage.ReadFails("lookback distance 0");
        damage.FsckAndExtractionHandleIt("lookback distance 0", "/sizes/text_65537");
    }

    [Fact]
    public void ZeroDelta0InAFullIndexIsAContentErrorWhereItIsLookedUp()
    {
        // Lcluster 16 lies inside the file's single extent: mapping the extent from its start never reads
        // delta0 (fsck and extraction walk extents by their starts, as fsck.erofs does), but a read at
        // 64 KiB, as the kernel's per-page mapping, looks back from lcluster 16 and must fail.
        var damage = CompressedDamage.Of("lz4-legacy", "/big/text_3m");
        long delta0 = damage.Layout.FullEntry(16) + 4;
        Assert.Equal(16, damage.Image.ReadU16(delta0));
        damage.Image.WriteU16(delta0, 0);
        damage.ReadFails("lookback distance 0", offset: 16 << 12);
        Expect.WalkDetects(damage.Image);
    }

    [Theory]
    [InlineData(257)]  // 1 MiB + one block
    [InlineData(2047)] // the largest count a CBLKCNT can hold: ~8 MiB
    public void CblkcntBeyondOneMebibyteIsAContentError(int blocks)
    {
        var damage = CompressedDamage.Of("lz4hc-bigpcluster", "/big/mixed");
        Assert.Equal((NonHead, CblkCnt | 16), damage.Layout.ReadCompact(1));
        damage.Layout.WriteCompact(1, NonHead, CblkCnt | blocks);
        damage.ReadFails($"pcluster of {blocks} blocks exceeds");
        damage.FsckAndExtractionHandleIt("exceeds", "/sizes/text_65537");
    }

    [Fact]
    public void CblkcntInAFullIndexWithoutBigPclusterAdviseIsAContentError()
    {
        var damage = CompressedDamage.Of("lz4-legacy", "/big/text_3m");
        damage.Image.WriteU16(damage.Layout.FullEntry(1) + 4, CblkCnt | 1);
        damage.ReadFails("CBLKCNT");
        damage.FsckAndExtractionHandleIt("CBLKCNT", "/sizes/text_65537");
    }

    [Fact]
    public void CblkcntInACompactIndexWithoutBigPclusterAdviseIsAContentError()
    {
        // lz4 has no big pclusters. Lcluster 1 of /big/text_3m (the NONHEAD after the HEAD, read by every
        // mapping of the extent) becomes CBLKCNT 1.
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        Assert.Equal(NonHead, damage.Layout.ReadCompact(1).Type);
        damage.Layout.WriteCompact(1, NonHead, CblkCnt | 1);
        damage.ReadFails("CBLKCNT");
        damage.FsckAndExtractionHandleIt("CBLKCNT", "/sizes/text_65537");
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(0xFFFF)]
    public void ClusterOffsetAtOrBeyondTheLclusterSizeInAFullIndexIsAContentError(int clusterOffset)
    {
        var damage = CompressedDamage.Of("lz4-legacy", "/big/text_3m");
        damage.Image.WriteU16(damage.Layout.FullEntry(0) + 2, (ushort)clusterOffset);
        damage.ReadFails("cluster offset");
        damage.FsckAndExtractionHandleIt("cluster offset", "/sizes/text_65537");
    }

    [Theory]
    [InlineData(0x0010_0000u)] // 4 GiB
    [InlineData(0xFFFF_FFFFu)]
    public void HeadBlockAddressPastTheEndOfTheImageInAFullIndexIsAContentError(uint block)
    {
        var damage = CompressedDamage.Of("lz4-legacy", "/big/text_3m");
        damage.Image.WriteU32(damage.Layout.FullEntry(0) + 4, block);
        damage.ReadFails("outside device 0");
        damage.FsckAndExtractionHandleIt("outside device", "/sizes/text_65537");
    }

    [Theory]
    [InlineData(0x0010_0000u)]
    [InlineData(0xFFFF_FF00u)]
    public void PackBaseAddressPastTheEndOfTheImageInACompactIndexIsAContentError(uint block)
    {
        // The HEAD at lcluster 0 takes base + 1 (no big pclusters).
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        damage.Image.WriteU32(damage.Layout.CompactBase(0), block);
        damage.ReadFails("outside device 0");
        damage.FsckAndExtractionHandleIt("outside device", "/sizes/text_65537");
    }

    [Fact]
    public void PackBaseThatWrapsToBlockZeroIsAContentError()
    {
        // 0xFFFFFFFF + 1 wraps to block 0 (u32, as the kernel): the superblock block is no LZ4 stream of 307323 bytes.
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        damage.Image.WriteU32(damage.Layout.CompactBase(0), 0xFFFF_FFFF);
        damage.ReadFails();
        damage.FsckAndExtractionHandleIt("", "/sizes/text_65537");
    }
}
