using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime.Store;

/// <summary>Hash results are remembered per image version and nid, across store instances, and go stale when the image changes.</summary>
public sealed class VerificationRecordTests
{
    private static readonly Fingerprint F = StoreScratch.FingerprintOf([1]);
    private static readonly Fingerprint G = StoreScratch.FingerprintOf([2]);

    [Fact]
    public void RecordedResultsAreSeenByOtherStoreInstancesPerNidAndFingerprint()
    {
        using var scratch = new StoreScratch();
        string image = scratch.File("image");
        File.WriteAllBytes(image, [1, 2, 3]);
        var identity = ImageIdentity.Of(image);
        var other = new ObjectStore(scratch.Root, "test");
        Assert.Equal(VerificationState.Unknown, other.CheckVerified(identity, 40, F));

        scratch.Store.RecordVerified(identity, 40, F, matched: true);
        scratch.Store.RecordVerified(identity, 41, G, matched: false);

        Assert.True(other.CheckVerified(identity, 40, F) == VerificationState.Matched);
        Assert.Equal(VerificationState.Mismatched, other.CheckVerified(identity, 41, G));
        Assert.False(other.CheckVerified(identity, 41, G) == VerificationState.Matched);
        Assert.Equal(VerificationState.Unknown, other.CheckVerified(identity, 40, G));
        Assert.Equal(VerificationState.Unknown, other.CheckVerified(identity, 42, F));
        Assert.True(new ObjectStore(scratch.Root, "test").CheckVerified(identity, 40, F) == VerificationState.Matched);
        Assert.False(new ObjectStore(scratch.Root, "other").CheckVerified(identity, 40, F) == VerificationState.Matched);
    }

    [Fact]
    public void TouchingOrRewritingTheImageInvalidatesRecords()
    {
        using var scratch = new StoreScratch();
        string image = scratch.File("image");
        File.WriteAllBytes(image, [1, 2, 3]);
        var before = ImageIdentity.Of(image);
        scratch.Store.RecordVerified(before, 7, F, matched: true);

        File.SetLastWriteTimeUtc(image, DateTime.UtcNow.AddSeconds(5));
        var touched = ImageIdentity.Of(image);
        File.WriteAllBytes(image, [1, 2, 4]);
        var rewritten = ImageIdentity.Of(image);

        Assert.NotEqual(before, touched);
        Assert.NotEqual(touched, rewritten);
        Assert.True(scratch.Store.CheckVerified(before, 7, F) == VerificationState.Matched);
        Assert.False(scratch.Store.CheckVerified(touched, 7, F) == VerificationState.Matched);
        Assert.False(scratch.Store.CheckVerified(rewritten, 7, F) == VerificationState.Matched);
    }

    [Fact]
    public void IdentityOfAnOpenImageEqualsThatOfItsPath()
    {
        using var scratch = new StoreScratch();
        string image = scratch.File("image");
        File.WriteAllBytes(image, new byte[4096]);
        using var handle = File.OpenHandle(image);
        Assert.Equal(ImageIdentity.Of(image), ImageIdentity.Of(handle));
        Assert.Equal(4096ul, ImageIdentity.Of(image).Size);
    }

    [Fact]
    public void ConcurrentWritersLoseNoRecordAndATornTailIsIgnored()
    {
        using var scratch = new StoreScratch();
        var identity = new ImageIdentity(1, 2, 3, 4, 5);
        var stores = Enumerable.Range(0, 4).Select(_ => new ObjectStore(scratch.Root, "test")).ToArray();

        Parallel.For(0, 400, i => stores[i % 4].RecordVerified(identity, (ulong)i, F, matched: i % 3 != 0));
        File.AppendAllText(Path.Combine(scratch.Root, "test", "verified", identity.Key), "torn");

        var reader = new ObjectStore(scratch.Root, "test");
        for (int i = 0; i < 400; i++)
            Assert.Equal(i % 3 != 0 ? VerificationState.Matched : VerificationState.Mismatched, reader.CheckVerified(identity, (ulong)i, F));
    }

    [Fact]
    public void MissingImageIsAClearError()
    {
        var e = Assert.Throws<IOException>(() => ImageIdentity.Of("/nonexistent/image.erofs"));
        Assert.Contains("/nonexistent/image.erofs", e.Message);
    }
}
