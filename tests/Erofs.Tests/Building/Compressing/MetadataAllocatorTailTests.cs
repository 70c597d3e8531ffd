using Erofs.Building.Layout;

namespace Erofs.Tests.Building.Compressing;

/// <summary>Compressed inodes bring heads (inode + indexes) longer than a block; their inline tail must still stay in one block.</summary>
public sealed class MetadataAllocatorTailTests
{
    [Theory]
    [InlineData(0, 5000, 3000)]
    [InlineData(96, 5000, 3000)]
    [InlineData(1024, 9000, 4000)]
    [InlineData(4000, 100, 4090)]
    public void TheTailNeverCrossesABlockBoundary(int before, int head, int tail)
    {
        var allocator = new MetadataAllocator(4096, 0);
        if (before > 0)
            allocator.Place(before, 0);
        long at = allocator.Place(head, tail);
        Assert.Equal(0, at % 32);
        long tailStart = at + head;
        Assert.True(tailStart % 4096 + tail <= 4096, $"tail at {tailStart} + {tail} crosses a block");
        Assert.True(allocator.End >= tailStart + tail);
    }
}
