using System.Diagnostics;
using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>
/// 4-byte encoded extent records store only lengths: the physical start of lcluster n is the sum of the
/// n lengths before it. Walking a file's extents must not re-add that prefix for every extent
/// (quadratic: a 1 MiB index of 256 Ki records then costs ~3·10^10 additions, minutes for fsck;
/// so it was before 12f80c5).
/// </summary>
public sealed class CompressedEncodedExtentScalingTests
{
    private const int Records = 120_000; // ~470 KiB of records
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public void WalkingTheExtentsOfManyFourByteRecordsTakesLinearTime()
    {
        // /big/text_3m of 48bit-zstd grows by 120000 lclusters whose records are zero (holes): a valid-looking
        // layout of a 470 MiB sparse file. Linear work is ~0.1 s; the quadratic walk needs ~30 s here.
        var image = HostileImage.Load("48bit-zstd");
        var inode = image.Inode("/big/text_3m");
        var layout = new CompressedIndexLayout(image, inode);
        Assert.True(layout.UsesEncodedExtents && layout.RecordSize == 4);
        Array.Clear(image.Bytes, (int)layout.IndexEnd, Records * 4);
        image.WriteU32(inode.Location + InodeFields.Compact.Size, (uint)((layout.Count + Records) << 12));

        using var opened = image.Open();
        var file = opened.GetInode(inode.Nid);
        var clock = Stopwatch.StartNew();
        long extents = 0;
        // Enumerated here, not under Bounded: a slow walk stops at the limit instead of burning a core afterwards.
        foreach (var _ in opened.GetExtents(file))
        {
            if (++extents % 1024 == 0 && clock.Elapsed > Limit)
                Assert.Fail($"{extents} of {layout.Count + Records} extents after {clock.Elapsed.TotalSeconds:F1} s: mapping cost grows with the lcluster number");
        }
        Assert.Equal(layout.Count + Records, extents);
    }
}
