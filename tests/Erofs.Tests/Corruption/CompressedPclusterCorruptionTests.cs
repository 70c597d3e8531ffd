using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Damaged compressed data and lengths (erofs-format.md §8.5): a pcluster of zeros under 0padding,
/// streams that decode to fewer or more bytes than their extent, HEADs pointing at another file's pcluster.
/// </summary>
public sealed class CompressedPclusterCorruptionTests
{
    private const int Plain = 0;

    [Theory]
    [InlineData("lz4", "/big/text_3m", "all zeros")]
    [InlineData("zstd-ztailpacking", "/dup/copy1.bin", "all zeros")]
    [InlineData("lz4hc-bigpcluster", "/big/mixed", "")] // 16 blocks: only the first block's zeros are padding
    public void PclusterOfZerosIsAContentError(string name, string path, string reason)
    {
        var damage = CompressedDamage.Of(name, path);
        var pcluster = FirstCompressedExtent(damage);
        Array.Clear(damage.Image.Bytes, (int)pcluster.PhysicalOffset, (int)pcluster.PhysicalLength);
        damage.ReadFails(reason);
        damage.FsckAndExtractionHandleIt(reason, "/sizes/text_65537");
    }

    [Theory]
    [InlineData("lz4", +1, "ended after", "ended after")]
    [InlineData("lz4", -1, "more than", "more than")]
    [InlineData("lz4", -900, "more than", "more than")]
    [InlineData("zstd-ztailpacking", +1, "ended after", "ended after")]
    // fsck maps every extent first: the inline PLAIN tail, now a byte longer than its 1128 stored bytes, is refused there.
    [InlineData("zstd-ztailpacking", -1, "more than", "uncompressed extent of 1129 bytes")]
    public void StreamDecodingToADifferentLengthThanItsExtentIsAContentError(string name, int shift, string reason, string fsckText)
    {
        // /dup/copy1.bin: one compressed extent, then the PLAIN tail whose HEAD (lcluster 8) says where the
        // compressed extent ends. Moving that boundary makes the extent lie about its decoded length.
        var damage = CompressedDamage.Of(name, "/dup/copy1.bin");
        var (type, clusterOffset) = damage.Layout.ReadCompact(8);
        Assert.Equal(Plain, type);
        damage.Layout.WriteCompact(8, Plain, clusterOffset + shift);
        damage.ReadFails(reason);
        damage.FsckAndExtractionHandleIt(fsckText, "/sizes/text_65537");
    }

    [Theory]
    [InlineData("/big/text_3m", "/big/zeros_1m", "ended after")] // 307323-byte extent, 102400-byte stream
    [InlineData("/big/zeros_1m", "/big/text_3m", "more than")]   // 102400-byte extent, 307323-byte stream
    public void HeadPointingAtAnotherFilesPclusterIsAContentError(string path, string donorPath, string reason)
    {
        var damage = CompressedDamage.Of("lz4-legacy", path);
        var donor = new CompressedIndexLayout(damage.Image, damage.Image.Inode(donorPath));
        damage.Image.WriteU32(damage.Layout.FullEntry(0) + 4, damage.Image.ReadU32(donor.FullEntry(0) + 4));
        damage.ReadFails(reason);
        damage.FsckAndExtractionHandleIt(reason, "/sizes/text_65537");
    }

    private static Extent FirstCompressedExtent(CompressedDamage damage)
    {
        using var opened = damage.Image.Open();
        return opened.GetExtents(opened.GetInode(damage.Nid)).First(e => e.Kind == ExtentKind.Compressed);
    }
}
