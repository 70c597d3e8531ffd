using Erofs.Storage;
using Erofs.Tests.Corruption;

namespace Erofs.Tests.Storage;

/// <summary>The bounded unit cache in front of an uncached image: same bytes, hits, LRU eviction, the memory bound.</summary>
public sealed class CachedBlockSourceTests
{
    private const int Unit = 4096;

    /// <summary>Counts the reads that reach the inner source.</summary>
    private sealed class CountingSource(byte[] bytes) : IBlockSource
    {
        private readonly MemoryBlockSource _inner = new(bytes);
        private int _reads;
        private int _largest;

        public int Reads => Volatile.Read(ref _reads);

        public int Largest => Volatile.Read(ref _largest);

        public bool Disposed { get; private set; }

        public long Length => _inner.Length;

        public void Read(long offset, Span<byte> buffer)
        {
            Interlocked.Increment(ref _reads);
            int seen;
            while ((seen = Volatile.Read(ref _largest)) < buffer.Length && Interlocked.CompareExchange(ref _largest, buffer.Length, seen) != seen)
            {
            }
            _inner.Read(offset, buffer);
        }

        public void Dispose() => Disposed = true;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Read(IBlockSource source, long offset, int length)
    {
        var buffer = new byte[length];
        source.Read(offset, buffer);
        return buffer;
    }

    [Fact]
    public void ReadsTheSameBytesAsItsSourceAnywhereIncludingAShortLastUnit()
    {
        var bytes = Bytes(10 * Unit + 123, 1);
        using var cached = new CachedBlockSource(new MemoryBlockSource(bytes), Unit, 3 * Unit);
        var random = new Random(2);
        for (int i = 0; i < 500; i++)
        {
            int offset = random.Next(bytes.Length + 1);
            int length = random.Next(Math.Min(bytes.Length - offset, 3 * Unit) + 1);
            Assert.True(Read(cached, offset, length).AsSpan().SequenceEqual(bytes.AsSpan(offset, length)), $"at {offset}+{length}");
        }
        Assert.Equal(bytes[^123..], Read(cached, bytes.Length - 123, 123));
        Assert.Throws<ErofsContentException>(() => cached.Read(bytes.Length - 1, new byte[2]));
        Assert.Throws<ErofsContentException>(() => cached.Read(-1, new byte[1]));
    }

    [Fact]
    public void ASecondReadOfAUnitIsAHitAndCostsNoInnerRead()
    {
        var inner = new CountingSource(Bytes(8 * Unit, 3));
        using var cached = new CachedBlockSource(inner, Unit, 4 * Unit);
        Read(cached, 100, 200);
        Read(cached, 1000, 3000);
        Read(cached, 0, Unit);
        Assert.Equal((1, 1L, 2L), (inner.Reads, cached.Misses, cached.Hits));
        // Straddling two units loads the second one only.
        Read(cached, Unit - 10, 20);
        Assert.Equal((2, 2L, 3L), (inner.Reads, cached.Misses, cached.Hits));
        Assert.Equal(Unit, inner.Largest);
    }

    [Fact]
    public void TheLeastRecentlyUsedUnitIsEvictedFirst()
    {
        var inner = new CountingSource(Bytes(8 * Unit, 4));
        using var cached = new CachedBlockSource(inner, Unit, 2 * Unit);
        Read(cached, 0, 1);          // unit 0
        Read(cached, Unit, 1);       // unit 1
        Read(cached, 0, 1);          // unit 0 hit: unit 1 is now the oldest
        Read(cached, 2 * Unit, 1);   // unit 2 evicts unit 1
        Assert.Equal(3, inner.Reads);
        Read(cached, 0, 1);
        Assert.Equal(3, inner.Reads);
        Read(cached, Unit, 1);       // unit 1 again: a miss, evicting unit 2
        Assert.Equal(4, inner.Reads);
        Assert.Equal(2, cached.CachedUnits);
    }

    [Fact]
    public void ReadsLargerThanAUnitBypassTheCache()
    {
        var bytes = Bytes(16 * Unit, 5);
        var inner = new CountingSource(bytes);
        using var cached = new CachedBlockSource(inner, Unit, 4 * Unit);
        Assert.Equal(bytes[10..(10 + 5 * Unit)], Read(cached, 10, 5 * Unit));
        Assert.Equal((1, 0), (inner.Reads, cached.CachedUnits));
    }

    [Fact]
    public void ConcurrentReadsStayCorrectAndWithinTheBound()
    {
        var bytes = Bytes(64 * Unit, 6);
        var inner = new CountingSource(bytes);
        using var cached = new CachedBlockSource(inner, Unit, 8 * Unit);
        int bad = 0, maxUnits = 0;
        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 2000; i++)
            {
                int offset = random.Next(bytes.Length - 2 * Unit);
                int length = random.Next(1, 2 * Unit);
                if (!Read(cached, offset, length).AsSpan().SequenceEqual(bytes.AsSpan(offset, length)))
                    Interlocked.Increment(ref bad);
                int units = cached.CachedUnits;
                int seen;
                while ((seen = Volatile.Read(ref maxUnits)) < units && Interlocked.CompareExchange(ref maxUnits, units, seen) != seen)
                {
                }
            }
        });
        Assert.Equal(0, bad);
        Assert.InRange(maxUnits, 1, 8);
        Assert.Equal(8 * Unit, cached.CapacityBytes);
    }

    [Fact]
    public void AFailedLoadPropagatesAndLeavesTheCacheUsable()
    {
        var bytes = Bytes(8 * Unit, 7);
        var failing = new FailingBlockSource(bytes, 2 * Unit, 3 * Unit);
        using var cached = new CachedBlockSource(failing, Unit, 2 * Unit);
        for (int i = 0; i < 5; i++)
            Assert.Same(failing.Error, Assert.Throws<IOException>(() => cached.Read(2 * Unit + 5, new byte[10])));
        Assert.Equal(0, cached.CachedUnits);
        failing.Armed = false;
        Assert.Equal(bytes[(2 * Unit)..(2 * Unit + 10)], Read(cached, 2 * Unit, 10));
        Assert.Equal(bytes[..10], Read(cached, 0, 10));
        Assert.Equal(bytes[(5 * Unit)..(5 * Unit + 10)], Read(cached, 5 * Unit, 10));
        Assert.Equal(2, cached.CachedUnits);
    }

    [Fact]
    public void DisposingDisposesTheInnerSourceAndRefusesFurtherReads()
    {
        var inner = new CountingSource(Bytes(4 * Unit, 8));
        var cached = new CachedBlockSource(inner, Unit, 2 * Unit);
        Read(cached, 0, 10);
        cached.Dispose();
        cached.Dispose();
        Assert.True(inner.Disposed);
        Assert.Throws<ObjectDisposedException>(() => cached.Read(0, new byte[1]));
    }

    [Theory]
    [InlineData(1000, 1 << 20)]
    [InlineData(4096 + 1, 1 << 20)]
    [InlineData(4096, 4096)]
    public void BadGeometryIsRefused(int unit, int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedBlockSource(new MemoryBlockSource(new byte[10]), unit, capacity));
}
