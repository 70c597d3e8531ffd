using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime.Store;

/// <summary>Publication: content-addressed layout, immutability, concurrent publishers, lying claims.</summary>
public sealed class ObjectStoreTests
{
    [Fact]
    public void PublishedObjectIsFoundReadOnlyAndLeasedWithItsContent()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(100_000, 1);
        var fingerprint = StoreScratch.FingerprintOf(content);

        var result = scratch.Store.Publish(new MemoryStream(content), fingerprint);
        Assert.True(scratch.Store.Contains(fingerprint)); // written, waiting for its batch to be linked
        scratch.Store.Flush();

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(content.Length, result.Length);
        string path = scratch.Store.ObjectPath(fingerprint);
        Assert.Equal(Path.Combine(scratch.Root, "test", "objects", fingerprint.Hex[..2], fingerprint.Hex[2..]), path);
        Assert.True(scratch.Store.Contains(fingerprint));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(scratch.Root, "test", "tmp")));
        using var lease = scratch.Store.TryLease(fingerprint);
        Assert.NotNull(lease);
        Assert.Equal(content.Length, lease.Length);
        var read = new byte[content.Length];
        Assert.Equal(content.Length, RandomAccess.Read(lease.Handle, read, 0));
        Assert.Equal(content, read);
    }

    [Fact]
    public void MissingObjectHasNoLease()
    {
        using var scratch = new StoreScratch();
        var fingerprint = StoreScratch.FingerprintOf([1, 2, 3]);
        Assert.False(scratch.Store.Contains(fingerprint));
        Assert.Null(scratch.Store.TryLease(fingerprint));
    }

    [Fact]
    public void LyingClaimNeverPublishesAndReportsTheRealDigest()
    {
        using var scratch = new StoreScratch();
        byte[] honest = StoreScratch.Content(50_000, 2);
        byte[] lie = StoreScratch.Content(50_000, 3);
        var claimed = StoreScratch.FingerprintOf(honest);

        var result = scratch.Store.Publish(new MemoryStream(lie), claimed);

        Assert.Equal(PublishOutcome.Mismatch, result.Outcome);
        Assert.False(result.Matched);
        Assert.Equal(StoreScratch.FingerprintOf(lie), result.Actual);
        Assert.False(scratch.Store.Contains(claimed));
        Assert.False(scratch.Store.Contains(result.Actual));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(scratch.Root, "test", "tmp")));
    }

    [Fact]
    public void LyingClaimOnAnExistingObjectIsAMismatchAndLeavesItIntact()
    {
        using var scratch = new StoreScratch();
        byte[] honest = StoreScratch.Content(10_000, 4);
        var fingerprint = scratch.Publish(honest);

        var again = scratch.Store.Publish(new MemoryStream(honest), fingerprint);
        var lie = scratch.Store.Publish(new MemoryStream(StoreScratch.Content(10_000, 5)), fingerprint);

        Assert.Equal(PublishOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(PublishOutcome.Mismatch, lie.Outcome);
        Assert.Equal(honest, File.ReadAllBytes(scratch.Store.ObjectPath(fingerprint)));
    }

    // Half the publishers use their own store instance, as another process would.
    [Fact]
    public void ConcurrentPublishersOfOneObjectAllSucceedAndEachStoreWritesItAtMostOnce()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(3_000_000, 6);
        var fingerprint = StoreScratch.FingerprintOf(content);
        var others = Enumerable.Range(0, 4).Select(_ => new ObjectStore(scratch.Root, "test")).ToList();

        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => (i % 2 == 0 ? scratch.Store : others[i / 2]).Publish(new MemoryStream(content), fingerprint)).ToList();
        scratch.Store.Flush();
        others.ForEach(o => o.Dispose());

        Assert.All(results, r => Assert.True(r.Matched));
        // One store instance writes an object once; several processes may each write it, one link wins.
        Assert.InRange(results.Where((_, i) => i % 2 == 0).Count(r => r.Outcome == PublishOutcome.Published), 0, 1);
        Assert.InRange(results.Count(r => r.Outcome == PublishOutcome.Published), 1, 5);
        Assert.Equal(content, File.ReadAllBytes(scratch.Store.ObjectPath(fingerprint)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(scratch.Root, "test", "tmp")));
    }

    [Fact]
    public void PublishingKeepsTheObjectsPagesWhenTheSourcesAreDropped()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(2_000_000, 7);
        string source = scratch.File("source");
        using (var file = new FileStream(source, FileMode.CreateNew))
        {
            file.Write(content);
            file.Flush(flushToDisk: true); // dirty pages cannot be dropped; an image's are clean
        }

        PublishResult result;
        using (var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            result = scratch.Store.Publish(stream, StoreScratch.FingerprintOf(content));
            PageCache.Drop(stream.SafeFileHandle, 0, 0);
        }

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        using var sourceHandle = File.OpenHandle(source);
        Assert.Equal(0, PageCache.ResidentBytes(sourceHandle));
        using var lease = scratch.Store.TryLease(result.Actual)!;
        Assert.True(PageCache.ResidentBytes(lease.Handle) >= content.Length);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a,b")]
    [InlineData("a\nb")]
    public void InvalidDomainsAreRefused(string domain)
    {
        var e = Assert.Throws<ArgumentException>(() => new ObjectStore(Path.GetTempPath(), domain));
        Assert.Contains("is invalid", e.Message);
    }

    [Fact]
    public void FingerprintParsesTheImageXattrForm()
    {
        var fingerprint = StoreScratch.FingerprintOf([9]);
        Assert.Equal(fingerprint, Fingerprint.FromXattrValue(fingerprint.ToXattrValue()));
        Assert.Equal(fingerprint, Fingerprint.FromHex(fingerprint.Hex.ToUpperInvariant()));
        Assert.Throws<ArgumentException>(() => Fingerprint.FromXattrValue("sha256:short"u8));
        Assert.Throws<ArgumentException>(() => Fingerprint.FromHex("zz"));
    }
}
