namespace Erofs.Tests.Corruption;

/// <summary>
/// An extent ends at the next HEAD lcluster. Mapping looks ahead with NONHEAD delta1 values, which
/// may jump over lclusters; a HEAD hidden inside such a jump still ends the extent (the kernel maps
/// each page through its own lcluster and sees it). /big/text_3m of lz4 is one LZ4 extent over 76
/// lclusters: lcluster 1, the last entry of its 4-byte pack, stores delta1 = 74 (a jump to 75).
/// </summary>
public sealed class CompressedExtentBoundaryTests
{
    private const int NonHead = 2;
    private const int Plain = 0;
    private const int HiddenLcn = 74;
    private const int HiddenClusterOffset = 330;

    [Fact]
    public void HeadHiddenInsideADelta1JumpEndsTheExtentSoItsStreamIsTooLong()
    {
        // The compressed extent now ends at 74 * 4096 + 330, but its stream decodes to all 307323 bytes.
        // The kernel maps page 74 to [0, 303434), decodes that exactly and fails (EFSCORRUPTED).
        // Before 12f80c5 the delta1 jump hid the HEAD and the whole file read back without an error.
        var damage = HideAHead();
        damage.ReadFails("more than");
        damage.FsckAndExtractionHandleIt("more than", "/sizes/text_65537");
    }

    [Fact]
    public void ReadingPageByPageGivesTheSameBytesAsReadingTheWholeFile()
    {
        // Before 12f80c5 a whole-file read mapped offset 0 once (one extent up to EOF, the stream's bytes) while
        // page 75 read alone mapped through the hidden HEAD (a PLAIN extent, raw block bytes): two contents, no error.
        var damage = HideAHead();
        using var opened = damage.Image.Open();
        var inode = opened.GetInode(damage.Nid);
        byte[]? whole = Attempt(() =>
        {
            var all = new byte[(int)inode.Size];
            opened.Read(inode, 0, all);
            return all;
        });
        byte[]? pages = Attempt(() =>
        {
            var all = new byte[(int)inode.Size];
            for (int at = 0; at < all.Length; at += 4096)
                opened.Read(inode, at, all.AsSpan(at, Math.Min(4096, all.Length - at)));
            return all;
        });
        Assert.True(whole is null == pages is null, $"one read failed, the other did not (whole: {whole is not null}, pages: {pages is not null})");
        if (whole is not null && pages is not null)
            Assert.True(whole.AsSpan().SequenceEqual(pages), "page-by-page and whole-file reads returned different bytes");
    }

    private static CompressedDamage HideAHead()
    {
        var damage = CompressedDamage.Of("lz4", "/big/text_3m");
        Assert.Equal((NonHead, 74), damage.Layout.ReadCompact(1));
        Assert.Equal((NonHead, HiddenLcn), damage.Layout.ReadCompact(HiddenLcn));
        damage.Layout.WriteCompact(HiddenLcn, Plain, HiddenClusterOffset);
        return damage;
    }

    // The bytes read, or null when the read failed with an allowed exception.
    private static byte[]? Attempt(Func<byte[]> read)
    {
        try
        {
            return Bounded.Run(read, "read");
        }
        catch (Exception e) when (Allowed.IsAllowed(e))
        {
            return null;
        }
    }
}
