using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>Superblock compression fields that disagree with the inodes.</summary>
public sealed class CompressedFeatureCorruptionTests
{
    [Fact]
    public void CompressedInodeInAnImageThatDeclaresNoCompressionIsAContentError()
    {
        // Linux 7.0: without LZ4_0PADDING, COMPR_CFGS and lz4_max_distance the image is not a compressed
        // one, and a compressed inode in it is corruption. Uncompressed files stay readable.
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        long incompat = HostileImage.SuperblockField(Superblock.Offsets.FeatureIncompat);
        damage.Image.WriteU32(incompat, damage.Image.ReadU32(incompat) & ~(uint)FeatureIncompat.ZeroPadding);
        damage.Image.WriteU16(HostileImage.SuperblockField(Superblock.Offsets.U1), 0);
        damage.Image.FixChecksum();
        damage.ReadFails("declares no compression");
        damage.FsckAndExtractionHandleIt("declares no compression", "/big/rand_2m");
    }
}
