using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Decoded pclusters are cached and shared between inodes. A PARTIAL_REF extent may use a prefix of a
/// pcluster's output (dedupe), a full extent may not: whichever file is read first, the full one must fail.
/// </summary>
public sealed class CompressedPclusterCacheTests
{
    private const ushort PartialRef = 0x8000;
    private const int Chunk = 1000; // below the extent length: reads go through the cache

    [Fact]
    public void FullExtentOnAPclusterThatDecodesToMoreFailsAlone()
    {
        var (image, _, full) = TwoReferencesToTheZerosPcluster();
        using var opened = image.Open();
        var e = Assert.Throws<ErofsContentException>(() => Bounded.Run(() => ReadChunk(opened, full)));
        Assert.Equal(full, e.Nid);
    }

    [Fact]
    public void FullExtentOnAPclusterThatDecodesToMoreFailsAlsoAfterAPartialReferenceWasRead()
    {
        // The kernel decodes the full extent with an exact output length (LZ4_decompress_safe) and refuses it.
        // Before 12f80c5 the cache key (PclusterKey) left out the decoding mode: the prefix decoded for the
        // PARTIAL_REF file was served to the full extent, which then read without an error.
        var (image, partial, full) = TwoReferencesToTheZerosPcluster();
        using var opened = image.Open();
        Assert.Equal(Chunk, Bounded.Run(() => ReadChunk(opened, partial)));
        var e = Assert.Throws<ErofsContentException>(() => Bounded.Run(() => ReadChunk(opened, full)));
        Assert.Equal(full, e.Nid);
    }

    // lz4-legacy (full indexes, 0padding): /big/zeros_1m's 1-block pcluster decodes to 102400 bytes.
    // /sizes/text_65537 becomes a PARTIAL_REF to it (its first 65537 bytes: valid dedupe); /sizes/text_131079
    // shrinks to 65537 bytes and points at it without PARTIAL_REF: the same key, but its stream is too long.
    private static (HostileImage Image, ulong PartialNid, ulong FullNid) TwoReferencesToTheZerosPcluster()
    {
        var image = HostileImage.Load("lz4-legacy");
        var zeros = new CompressedIndexLayout(image, image.Inode("/big/zeros_1m"));
        var partial = new CompressedIndexLayout(image, image.Inode("/sizes/text_65537"));
        var full = new CompressedIndexLayout(image, image.Inode("/sizes/text_131079"));
        Assert.False(full.Inode.IsExtended);
        uint block = image.ReadU32(zeros.FullEntry(0) + 4);
        image.WriteU16(partial.FullEntry(0), (ushort)(image.ReadU16(partial.FullEntry(0)) | PartialRef));
        image.WriteU32(partial.FullEntry(0) + 4, block);
        image.WriteU32(full.Inode.Location + InodeFields.Compact.Size, (uint)partial.Inode.Size);
        image.WriteU32(full.FullEntry(0) + 4, block);
        return (image, partial.Inode.Nid, full.Inode.Nid);
    }

    private static int ReadChunk(ErofsImage image, ulong nid) => image.Read(image.GetInode(nid), 0, new byte[Chunk]);
}
