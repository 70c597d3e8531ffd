using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Damaged tail extents (erofs-format.md §8.7): ztailpacking's h_idata_size, fragment offsets
/// (whole-file and tail), and a packed inode that refers to itself.
/// </summary>
public sealed class CompressedTailCorruptionTests
{
    private const ulong WholeFileFragment = 1UL << 63;

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void InlineTailCrossingItsBlockIsAContentError(int overshoot)
    {
        // The inline pcluster starts right after the indexes; h_idata_size may not reach into the next block.
        var damage = CompressedDamage.Of("lz4-ztailpacking", "/big/text_3m");
        int blockSize = damage.Image.Superblock.BlockSize;
        int room = blockSize - (int)(damage.Layout.IndexEnd % blockSize);
        damage.Image.WriteU16(damage.Layout.Header + 2, (ushort)(room + overshoot));
        damage.ReadFails("crosses a block boundary");
        damage.FsckAndExtractionHandleIt("crosses a block boundary", "/sizes/text_65537");
    }

    [Fact]
    public void LargestInlineTailSizeIsAContentError()
    {
        var damage = CompressedDamage.Of("zstd-ztailpacking", "/big/text_3m");
        damage.Image.WriteU16(damage.Layout.Header + 2, ushort.MaxValue);
        damage.ReadFails("crosses a block boundary");
        damage.FsckAndExtractionHandleIt("crosses a block boundary", "/sizes/text_65537");
    }

    [Theory]
    [InlineData(1UL << 40)]
    [InlineData(WholeFileFragment - 1)] // the largest 63-bit offset
    public void WholeFileFragmentOffsetBeyondThePackedInodeIsAContentError(ulong offset)
    {
        var damage = CompressedDamage.Of("lz4-all-fragments-dedupe", "/big/text_3m");
        Assert.True(damage.Layout.IsWholeFileFragment);
        damage.Image.WriteU64(damage.Layout.Header, WholeFileFragment | offset);
        damage.ReadFails("outside the packed inode");
        damage.FsckAndExtractionHandleIt("outside the packed inode", "/sizes/text_65537");
    }

    [Fact]
    public void WholeFileFragmentEndingOneBytePastThePackedInodeIsAContentError()
    {
        var damage = CompressedDamage.Of("lz4-all-fragments-dedupe", "/big/text_3m");
        ulong packedSize = PackedSize(damage.Image);
        damage.Image.WriteU64(damage.Layout.Header, WholeFileFragment | (packedSize - damage.Inode.Size + 1));
        damage.ReadFails("outside the packed inode");
        damage.FsckAndExtractionHandleIt("outside the packed inode", "/sizes/text_65537");
    }

    [Fact]
    public void TailFragmentOffsetBeyondThePackedInodeIsAContentError()
    {
        // Compact indexes with FRAGMENT_PCLUSTER: the interlaced extents read, the tail (h_fragmentoff) must fail.
        var damage = CompressedDamage.Of("lz4-fragments", "/big/rand_2m");
        Assert.NotEqual(0, damage.Layout.MapHeader.Advise & (int)ZMapHeader.AdviseFlags.FragmentPcluster);
        damage.Image.WriteU32(damage.Layout.Header, 0xFFFF_FFF0);
        damage.ReadFails("outside the packed inode");
        damage.FsckAndExtractionHandleIt("outside the packed inode", "/sizes/text_65537");
    }

    [Fact]
    public void PackedNidPointingAtAFragmentInodeIsAContentErrorNotARecursion()
    {
        // packed_nid = a whole-file fragment inode: reading it would read itself.
        var damage = CompressedDamage.Of("lz4-all-fragments-dedupe", "/big/text_3m");
        damage.Image.WriteU64(HostileImage.SuperblockField(Superblock.Offsets.PackedNid), damage.Nid);
        damage.Image.FixChecksum();
        damage.ReadFails("fragment of itself");
        damage.FsckAndExtractionHandleIt("fragment of itself", "/abs_link");
    }

    [Fact]
    public void PackedInodeWhoseHeaderMakesItAFragmentOfItselfIsAContentError()
    {
        // Every file of the image is a fragment: all of them fail, naming the packed inode.
        var damage = CompressedDamage.Of("lz4-all-fragments-dedupe", "/big/text_3m");
        ulong packedNid = damage.Image.Superblock.PackedNid;
        using (var opened = damage.Image.Open())
        {
            var packed = new CompressedIndexLayout(damage.Image, opened.GetInode(packedNid));
            damage.Image.WriteU64(packed.Header, WholeFileFragment);
        }
        damage.ReadFails("fragment of itself", nid: packedNid);
        damage.FsckAndExtractionHandleIt("fragment of itself", "/abs_link", reportedNid: packedNid);
    }

    private static ulong PackedSize(HostileImage image)
    {
        using var opened = image.Open();
        return opened.GetInode(image.Superblock.PackedNid).Size;
    }
}
