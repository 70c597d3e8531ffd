using Erofs.Checking;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// A directory whose i_size is large and whose blocks all map to the same valid dirent blocks:
/// millions of (duplicate) entries from a few KiB of metadata. Checking it must not first
/// collect every entry in memory: the first out-of-order entry already condemns the directory.
/// </summary>
public sealed class HugeDirectoryTests
{
    private const uint DirectorySize = 64 << 20;
    private const int ChunkExtraBits = 4;

    [Fact]
    public void FsckReportsTheRepeatedBlocksWithoutCollectingEveryEntry()
    {
        var pristine = HostileImage.Load("chunked");
        long baseline = AllocationOfCheck(pristine, out _);
        var (image, nid) = RepeatedDirectoryBlocks();
        long hostile = AllocationOfCheck(image, out var issues);
        Assert.Contains(issues, i => i.Nid == nid && i.Message.Contains("out of order", StringComparison.Ordinal));
        Assert.True(hostile < baseline + (32 << 20),
            $"fsck allocated {hostile >> 20} MiB on a {DirectorySize >> 20} MiB directory of repeated blocks (pristine image: {baseline >> 20} MiB)");
    }

    [Fact]
    public void EnumeratingTheDirectoryIsLazy()
    {
        // ReadDirectory itself streams: taking a few entries decodes a block, not 64 MiB of them.
        var (image, nid) = RepeatedDirectoryBlocks();
        using var opened = image.Open();
        var entries = Bounded.Run(() => opened.ReadDirectory(opened.GetInode(nid)).Take(10).ToList());
        Assert.Equal(10, entries.Count);
    }

    // /manydir (23 full blocks, FLAT_INLINE) becomes CHUNK_BASED: 16-block chunks, every block-map
    // entry naming its first block, i_size 64 MiB. The table overwrites what followed the inode.
    private static (HostileImage Image, ulong Nid) RepeatedDirectoryBlocks()
    {
        var image = HostileImage.Load("chunked");
        var dir = image.Inode("/manydir");
        uint firstBlock;
        using (var opened = image.Open())
            firstBlock = (uint)(opened.MapExtent(dir, 0).PhysicalOffset >> opened.Superblock.BlockSizeBits);
        ushort format = image.ReadU16(dir.Location + InodeFields.Compact.Format);
        format = (ushort)((format & ~(InodeFields.LayoutMask << InodeFields.LayoutShift)) | (int)InodeLayout.ChunkBased << InodeFields.LayoutShift);
        image.WriteU16(dir.Location + InodeFields.Compact.Format, format);
        image.WriteU32(dir.Location + InodeFields.Compact.U, ChunkExtraBits);
        image.WriteU32(dir.Location + InodeFields.Compact.Size, DirectorySize);
        int chunks = (int)(DirectorySize >> (image.Superblock.BlockSizeBits + ChunkExtraBits));
        long table = ChunkMapper.AlignUp(dir.Location + dir.InodeSize + dir.XattrSize, ChunkFormat.BlockMapEntrySize);
        for (int i = 0; i < chunks; i++)
            image.WriteU32(table + i * ChunkFormat.BlockMapEntrySize, firstBlock);
        return (image, dir.Nid);
    }

    private static long AllocationOfCheck(HostileImage image, out IReadOnlyList<CheckIssue> issues)
    {
        var (allocated, found) = Bounded.Run(() =>
        {
            using var opened = image.Open();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = new ImageChecker(opened).Check();
            return (GC.GetAllocatedBytesForCurrentThread() - before, result);
        }, "fsck");
        issues = found;
        return allocated;
    }
}
