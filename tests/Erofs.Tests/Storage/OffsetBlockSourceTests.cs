using Erofs.Storage;

namespace Erofs.Tests.Storage;

/// <summary>An image inside a larger file (erofs-utils' --offset): reads are shifted and cannot leave the window.</summary>
public sealed class OffsetBlockSourceTests
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

    [Fact]
    public void ReadsFromTheOffsetOn()
    {
        using var source = new OffsetBlockSource(new MemoryBlockSource(Bytes), 40);
        Assert.Equal(60, source.Length);
        var buffer = new byte[5];
        source.Read(0, buffer);
        Assert.Equal([40, 41, 42, 43, 44], buffer);
        source.Read(55, buffer);
        Assert.Equal([95, 96, 97, 98, 99], buffer);
    }

    [Theory]
    [InlineData(56L, 5)]
    [InlineData(-1L, 1)]
    [InlineData(long.MaxValue, 1)]
    public void ReadsOutsideTheWindowFail(long offset, int count)
    {
        using var source = new OffsetBlockSource(new MemoryBlockSource(Bytes), 40);
        Assert.Throws<ErofsContentException>(() => source.Read(offset, new byte[count]));
    }

    [Fact]
    public void OffsetPastTheEndIsRefused()
    {
        Assert.Equal(0, new OffsetBlockSource(new MemoryBlockSource(Bytes), 100).Length);
        var e = Assert.Throws<ErofsContentException>(() => new OffsetBlockSource(new MemoryBlockSource(Bytes), 101));
        Assert.Contains("offset 101 lies past the end of the file (100 bytes)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OffsetBlockSource(new MemoryBlockSource(Bytes), -1));
    }
}
