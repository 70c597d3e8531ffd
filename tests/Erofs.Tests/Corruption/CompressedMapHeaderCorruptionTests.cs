namespace Erofs.Tests.Corruption;

/// <summary>
/// One damaged field of a compressed inode's 8-byte map header (erofs-format.md §8.2):
/// h_algorithmtype, h_clusterbits and the big-pcluster bits of h_advise.
/// </summary>
public sealed class CompressedMapHeaderCorruptionTests
{
    private const int AdviseOffset = 4;
    private const int AlgorithmTypeOffset = 6;
    private const int ClusterBitsOffset = 7;
    private const ushort BigPcluster1 = 0x02;
    private const ushort BigPcluster2 = 0x04;

    [Theory]
    [InlineData(0x04)] // HEAD1: one past Zstandard
    [InlineData(0x0F)]
    [InlineData(0x40)] // HEAD2 nibble unknown, HEAD1 still LZ4
    public void UnknownAlgorithmInTheMapHeaderIsNotSupported(byte algorithmType)
    {
        // As the kernel: "unknown HEAD%u format ... please upgrade kernel" is EOPNOTSUPP, not corruption.
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        damage.Image.WriteU8(damage.Layout.Header + AlgorithmTypeOffset, algorithmType);
        damage.ReadUnsupported("algorithm");
        damage.FsckAndExtractionHandleIt("unknown compression algorithm", "/sizes/text_65537");
    }

    [Theory]
    [InlineData(0x03)] // lclusterbits 15: one past the compact limit
    [InlineData(0x0F)] // lclusterbits 27
    public void LclusterBitsBeyondFourteenInCompactIndexesAreAContentError(byte clusterBits)
    {
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        damage.Image.WriteU8(damage.Layout.Header + ClusterBitsOffset, clusterBits);
        damage.ReadFails("lcluster bits");
        damage.FsckAndExtractionHandleIt("lcluster bits", "/sizes/text_65537");
    }

    [Fact]
    public void HugeLclusterBitsInFullIndexesAreAContentError()
    {
        // 128 MiB lclusters: lcluster 0 (a PLAIN 1-block extent) now claims the whole 160000-byte file.
        var damage = CompressedDamage.Of("lz4-legacy", "/big/mixed");
        damage.Image.WriteU8(damage.Layout.Header + ClusterBitsOffset, 0x0F);
        damage.ReadFails("uncompressed extent");
        damage.FsckAndExtractionHandleIt("uncompressed extent", "/sizes/text_65537");
    }

    [Fact]
    public void CompactIndexesWithOnlyOneBigPclusterFlagAreAContentError()
    {
        var damage = CompressedDamage.Of("lz4hc-bigpcluster", "/big/mixed");
        long advise = damage.Layout.Header + AdviseOffset;
        damage.Image.WriteU16(advise, (ushort)(damage.Image.ReadU16(advise) & ~BigPcluster2));
        damage.ReadFails("inconsistent big pcluster flags");
        damage.FsckAndExtractionHandleIt("big pcluster", "/sizes/text_65537");
    }

    [Fact]
    public void CblkcntInAnInodeWithoutBigPclusterAdviseIsAContentError()
    {
        // /big/mixed starts with a 16-block pcluster: lcluster 1 is CBLKCNT 16. Clear both advise bits.
        var damage = CompressedDamage.Of("lz4hc-bigpcluster", "/big/mixed");
        Assert.Equal((2, 0x800 | 16), damage.Layout.ReadCompact(1));
        long advise = damage.Layout.Header + AdviseOffset;
        damage.Image.WriteU16(advise, (ushort)(damage.Image.ReadU16(advise) & ~(BigPcluster1 | BigPcluster2)));
        damage.ReadFails("CBLKCNT");
        damage.FsckAndExtractionHandleIt("CBLKCNT", "/sizes/text_65537");
    }
}
