using Erofs.Runtime.Sharing;

namespace Erofs.Tests.Runtime.Sharing;

public sealed class OnceCacheTests
{
    [Fact]
    public void ConcurrentFirstRequestsComputeOnceAndAllSeeTheSameValue()
    {
        var cache = new OnceCache<ulong, object>();
        int computed = 0;
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => seen.Add(cache.Get(5, _ =>
        {
            Interlocked.Increment(ref computed);
            Thread.Sleep(10);
            return new object();
        })));
        Assert.Equal(1, computed);
        Assert.Single(seen.Distinct());
        Assert.True(cache.TryGet(5, out var value) && ReferenceEquals(value, seen.First()));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void AFailedComputationIsNotRememberedSoTheNextRequestRetries()
    {
        var cache = new OnceCache<ulong, string>();
        Assert.Throws<IOException>(() => cache.Get(1, _ => throw new IOException("transient")));
        Assert.False(cache.TryGet(1, out _));
        Assert.Equal("ok", cache.Get(1, _ => "ok"));
        Assert.Equal("ok", cache.Get(1, _ => "other"));
    }
}
