using System.Diagnostics;
using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime.Store;

/// <summary>Leases, gc and stats: what keeps an object alive, what removes it, and what the page cache holds.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public void GcRemovesEveryUnleasedObjectAndSkipsLeasedOnes()
    {
        using var scratch = new StoreScratch();
        var kept = scratch.Publish(StoreScratch.Content(1000, 1));
        var dropped = scratch.Publish(StoreScratch.Content(2000, 2));

        GcResult result;
        using (scratch.Store.TryLease(kept))
            result = scratch.Store.Gc();

        Assert.Equal(new GcResult(1, 2000, 1, 1000, 1, 0), result);
        Assert.True(scratch.Store.Contains(kept));
        Assert.False(scratch.Store.Contains(dropped));
        Assert.Equal(1, scratch.Store.Gc().Removed);
        Assert.False(scratch.Store.Contains(kept));
    }

    [Fact]
    public void GcRemovesLeastRecentlyUsedFirstDownToTheLimit()
    {
        using var scratch = new StoreScratch();
        var a = scratch.Publish(StoreScratch.Content(1000, 1));
        var b = scratch.Publish(StoreScratch.Content(1000, 2));
        var c = scratch.Publish(StoreScratch.Content(1000, 3));
        foreach (var used in new[] { b, a, c })
        {
            Thread.Sleep(20);
            scratch.Store.TryLease(used)!.Dispose();
        }

        var first = scratch.Store.Gc(maxBytes: 2500);
        Assert.Equal(1, first.Removed);
        Assert.False(scratch.Store.Contains(b));
        var second = scratch.Store.Gc(maxBytes: 1000);
        Assert.Equal(1, second.Removed);
        Assert.False(scratch.Store.Contains(a));
        Assert.True(scratch.Store.Contains(c));
        Assert.Equal(0, scratch.Store.Gc(maxBytes: 1000).Removed);
    }

    [Fact]
    public async Task ALeaseTakenDuringGcIsNeverBroken()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(8192, 4);
        var fingerprint = StoreScratch.FingerprintOf(content);
        string path = scratch.Store.ObjectPath(fingerprint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int leases = 0, removals = 0;
        bool Done() => timeout.IsCancellationRequested || (Volatile.Read(ref leases) >= 100 && Volatile.Read(ref removals) >= 10);

        var gc = Task.Run(() =>
        {
            while (!Done())
                Interlocked.Add(ref removals, scratch.Store.Gc().Removed);
        });
        // Each user with its own store, as separate processes: a store leases objects it wrote and has not
        // linked yet, which have no path to check.
        var users = Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            using var store = new ObjectStore(scratch.Root, "test");
            while (!Done())
            {
                using (var lease = store.TryLease(fingerprint))
                {
                    if (lease is null)
                    {
                        store.Publish(new MemoryStream(content), fingerprint);
                        store.Flush();
                        continue;
                    }
                    // While held, the object must stay at its path as this very inode.
                    Assert.Equal(ImageIdentity.Of(lease.Handle).Inode, ImageIdentity.Of(path).Inode);
                    Thread.Sleep(random.Next(2));
                    Assert.Equal(ImageIdentity.Of(lease.Handle).Inode, ImageIdentity.Of(path).Inode);
                    Interlocked.Increment(ref leases);
                }
                Thread.Sleep(random.Next(6)); // a window for gc, which removes only unleased objects
            }
        })).ToArray();
        await Task.WhenAll([gc, .. users]);

        Assert.True(leases >= 100, $"only {leases} leases in 30 s");
        Assert.True(removals >= 10, $"gc removed the object only {removals} times between leases in 30 s");
    }

    [Fact]
    public void ALockHeldByAnotherProcessKeepsTheObjectUntilThatProcessIsKilled()
    {
        using var scratch = new StoreScratch();
        var fingerprint = scratch.Publish(StoreScratch.Content(5000, 5));
        using var holder = Process.Start("flock", ["-s", scratch.Store.ObjectPath(fingerprint), "sleep", "60"]);
        try
        {
            Eventually.True(() => scratch.Store.Stats().Objects.Single().Leases == 1, () => File.ReadAllText("/proc/locks") + " ino " + ImageIdentity.Of(scratch.Store.ObjectPath(fingerprint)).Inode + " dev " + ImageIdentity.Of(scratch.Store.ObjectPath(fingerprint)).Device.ToString("x") + " exited " + holder.HasExited);

            var whileHeld = scratch.Store.Gc();
            Assert.Equal(1, whileHeld.InUse);
            Assert.True(scratch.Store.Contains(fingerprint));

            // SIGKILL to flock and its `sleep`, which inherited the locked descriptor (leases are O_CLOEXEC, flock's is not).
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            Eventually.True(() => scratch.Store.Stats().Objects.Single().Leases == 0);
            Assert.Equal(1, scratch.Store.Gc().Removed);
            Assert.False(scratch.Store.Contains(fingerprint));
        }
        finally
        {
            if (!holder.HasExited)
                holder.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void StatsCountLeasesAndShowResidencyAfterReadingAndAfterDropping()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(1 << 20, 6);
        var fingerprint = scratch.Publish(content);
        using var first = scratch.Store.TryLease(fingerprint)!;
        using var second = scratch.Store.TryLease(fingerprint)!;

        PageCache.Drop(first.Handle, 0, 0);
        var dropped = scratch.Store.Stats().Objects.Single();
        RandomAccess.Read(first.Handle, new byte[content.Length], 0);
        var read = scratch.Store.Stats();

        Assert.Equal(2, dropped.Leases);
        Assert.Equal(0, dropped.ResidentBytes);
        Assert.Equal(content.Length, read.Objects.Single().ResidentBytes);
        Assert.Equal(content.Length, read.Bytes);
        Assert.Equal(content.Length, read.ResidentBytes);
        Assert.Equal(2, read.Leases);
    }

    [Fact]
    public void GcRemovesAbandonedTempFilesButNotRecentOnes()
    {
        using var scratch = new StoreScratch();
        string tmp = Path.Combine(scratch.Root, "test", "tmp");
        string abandoned = Path.Combine(tmp, "abandoned");
        string fresh = Path.Combine(tmp, "fresh");
        File.WriteAllBytes(abandoned, [1]);
        File.WriteAllBytes(fresh, [1]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - TimeSpan.FromHours(1));

        Assert.Equal(1, scratch.Store.Gc().TempFilesRemoved);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(fresh));
    }
}
