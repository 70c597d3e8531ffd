using Erofs.Runtime.Sharing;

namespace Erofs.Tests.Runtime.Sharing;

public sealed class RefCountedTableTests
{
    private sealed class Resource : IDisposable
    {
        public int Disposals;

        public void Dispose() => Interlocked.Increment(ref Disposals);
    }

    [Fact]
    public void TheResourceIsMadeAtTheFirstAcquireAndDisposedAtTheLastRelease()
    {
        var table = new RefCountedTable<string, Resource>();
        int made = 0;
        Resource Make(string _) { made++; return new Resource(); }

        var first = table.Acquire("a", Make);
        var second = table.Acquire("a", Make);
        Assert.Same(first, second);
        Assert.Equal((1, 2), (made, table.References("a")));

        Assert.True(table.Release("a"));
        Assert.Equal(0, first.Disposals);
        Assert.True(table.Release("a"));
        Assert.Equal(1, first.Disposals);
        Assert.False(table.Release("a"));
        Assert.Equal(0, table.Count);

        var third = table.Acquire("a", Make);
        Assert.NotSame(first, third);
        Assert.Equal(2, made);
    }

    [Fact]
    public void AFailedMakeTakesNoReference()
    {
        var table = new RefCountedTable<int, Resource>();
        Assert.Throws<IOException>(() => table.Acquire(1, _ => throw new IOException("store broken")));
        Assert.Equal(0, table.References(1));
        Assert.False(table.Release(1));
        Assert.NotNull(table.Acquire(1, _ => new Resource()));
    }

    [Fact]
    public void ConcurrentAcquiresMakeOneResourceAndBalancedReleasesDisposeItOnce()
    {
        var table = new RefCountedTable<int, Resource>();
        int made = 0;
        var resources = new System.Collections.Concurrent.ConcurrentBag<Resource>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var r = table.Acquire(7, _ =>
            {
                Interlocked.Increment(ref made);
                Thread.Sleep(5);
                return new Resource();
            });
            resources.Add(r);
        });
        Assert.Equal(1, made);
        Assert.Equal(64, table.References(7));
        Parallel.For(0, 64, _ => Assert.True(table.Release(7)));
        Assert.Equal(1, resources.First().Disposals);
        Assert.Single(resources.Distinct());
    }

    [Fact]
    public void ClearDisposesEverythingWhateverTheCounts()
    {
        var table = new RefCountedTable<int, Resource>();
        var a = table.Acquire(1, _ => new Resource());
        table.Acquire(1, _ => new Resource());
        var b = table.Acquire(2, _ => new Resource());
        table.Clear();
        Assert.Equal((1, 1), (a.Disposals, b.Disposals));
        Assert.Equal(0, table.Count);
        Assert.False(table.Release(1));
    }
}
