using Erofs.Runtime.Sharing;
using Erofs.Tests.Runtime.Store;

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

    [Fact]
    public void ALingeringResourceIsTakenBackByTheNextAcquireAndDisposedWhenItsTimeEnds()
    {
        var idled = new List<Resource>();
        using var table = new RefCountedTable<string, Resource>(TimeSpan.FromMilliseconds(200), maxIdle: 10, idled.Add);
        int made = 0;
        Resource Make(string _) { made++; return new Resource(); }

        var first = table.Acquire("a", Make);
        Assert.True(table.Release("a"));
        Assert.Equal((0, 1, 0), (first.Disposals, table.IdleCount, table.Count));
        Assert.Equal([first], idled);
        Assert.Same(first, table.Acquire("a", Make));
        Assert.Equal((1, 0), (made, table.IdleCount));

        Assert.True(table.Release("a"));
        Eventually.True(() => Volatile.Read(ref first.Disposals) == 1, () => "the idle resource is disposed once its linger time is over");
        Assert.Equal(0, table.IdleCount);
        Assert.NotSame(first, table.Acquire("a", Make));
        Assert.Equal(2, made);
    }

    [Fact]
    public void BeyondTheIdleBoundTheOldestIdleResourceIsDisposedAtOnce()
    {
        using var table = new RefCountedTable<int, Resource>(TimeSpan.FromHours(1), maxIdle: 2);
        var resources = Enumerable.Range(0, 3).Select(i => table.Acquire(i, _ => new Resource())).ToList();
        for (int i = 0; i < 3; i++)
            table.Release(i);

        Assert.Equal([1, 0, 0], resources.Select(r => r.Disposals));
        Assert.Equal(2, table.IdleCount);
        table.DisposeIdle();
        Assert.Equal([1, 1, 1], resources.Select(r => r.Disposals));
    }

    [Fact]
    public void UnderConcurrentUseWithLingeringNoResourceIsDisposedWhileReferencedOrTwice()
    {
        var all = new System.Collections.Concurrent.ConcurrentBag<Resource>();
        var table = new RefCountedTable<int, Resource>(TimeSpan.FromMilliseconds(1), maxIdle: 3);
        int usedAfterDisposal = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 20_000; i++)
            {
                int key = random.Next(6);
                var r = table.Acquire(key, _ =>
                {
                    var made = new Resource();
                    all.Add(made);
                    return made;
                });
                if (Volatile.Read(ref r.Disposals) != 0)
                    Interlocked.Increment(ref usedAfterDisposal);
                Assert.True(table.Release(key));
            }
        });
        table.Dispose();

        Assert.Equal(0, usedAfterDisposal);
        Assert.All(all, r => Assert.Equal(1, r.Disposals));
        Assert.True(all.Count < 8 * 20_000, "lingering resources were taken back at least sometimes");
    }
}
