using Erofs.Reading;
using Erofs.Runtime;
using Erofs.Runtime.Sharing;
using Erofs.Runtime.Store;
using Erofs.Storage;
using Erofs.Tests.Building;
using Erofs.Tests.Runtime.Store;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Tests.Runtime.Sharing;

/// <summary>
/// Publishing ahead through <see cref="FileSharing"/> against a real store: the first open of a file makes
/// the small files after it objects, with the decisions their own first opens would make (a lying file
/// stays private), leases them idle so their opens register nothing, and leaves files alone that are
/// objects or verified already.
/// </summary>
public sealed class FileSharingAheadTests : IDisposable
{
    private const int Files = 10;
    private readonly StoreScratch _scratch = new();
    private readonly byte[][] _contents = [.. Enumerable.Range(0, Files).Select(i => SourceTrees.Random(8192, 50 + i))];

    public void Dispose() => _scratch.Dispose();

    private sealed class CountingBacking : IBackingFiles
    {
        public int Opened;

        public int Open(SafeFileHandle file) => Interlocked.Increment(ref Opened) + 100;

        public void Close(int backingId)
        {
        }
    }

    private sealed class Mount : IDisposable
    {
        public readonly ErofsImage Image;
        public readonly FileSharing Sharing;
        public readonly MountStatistics Statistics = new();
        public readonly CountingBacking Backing = new();
        public readonly ulong Directory;

        public Mount(ObjectStore store, string path)
        {
            var source = new UncachedFileSource(path);
            var identity = ImageIdentity.Of(source.Handle);
            Image = ErofsImage.Open(new CachedBlockSource(source));
            Directory = Image.ResolvePath("/d")!.Nid;
            Sharing = new FileSharing(store, identity, Image, new SharingPolicy(path, false, false, TimeSpan.FromSeconds(30)), Statistics, null);
            Sharing.Attach(Backing);
            Sharing.PublishAheadIn(new AheadImage.Siblings(Image));
        }

        public InodeInfo File(int i) => Image.ResolvePath($"/d/f{i}")!;

        public SharedOpenPlan Open(int i) => Sharing.Open(File(i), Directory);

        public void Dispose()
        {
            Sharing.Dispose();
            Image.Dispose();
        }
    }

    private string Build()
    {
        string path = _scratch.File("ahead.erofs");
        AheadImage.Build(path, _contents.Select((c, i) => ($"f{i}", (byte[]?)c)));
        return path;
    }

    private bool IsObject(byte[] content) => System.IO.File.Exists(_scratch.Store.ObjectPath(StoreScratch.FingerprintOf(content)));

    [Fact]
    public void AFirstOpenMakesTheFollowingFilesObjectsAndTheirOpensOnlyTakeTheIdleLease()
    {
        using var mount = new Mount(_scratch.Store, Build());

        Assert.NotNull(mount.Open(0).Fingerprint);
        Eventually.True(() => mount.Sharing.AheadIdle);
        _scratch.Store.Flush();

        Assert.All(_contents, c => Assert.True(IsObject(c)));
        Assert.Equal((1, Files, Files), (mount.Statistics.SharedFiles, mount.Statistics.Hashed, mount.Statistics.Published));
        Assert.Equal(Files, mount.Backing.Opened); // the opened file's lease, and one idle lease per file ahead

        var plan = mount.Open(5);
        Assert.Equal(StoreScratch.FingerprintOf(_contents[5]), plan.Fingerprint);
        Assert.Equal(Files, mount.Backing.Opened); // taken back, not registered again
        Assert.Equal((2, Files), (mount.Statistics.SharedFiles, mount.Statistics.Hashed));
    }

    [Fact]
    public void ALyingFileAfterTheOpenedOneIsNotPublishedAndItsOpenIsPrivate()
    {
        string path = Build();
        var other = SourceTrees.Random(8192, 99);
        AheadImage.Falsify(path, "/d/f3", other); // claims sha256(_contents[3]), holds other
        using var mount = new Mount(_scratch.Store, path);

        mount.Open(0);
        Eventually.True(() => mount.Sharing.AheadIdle);
        _scratch.Store.Flush();

        Assert.False(IsObject(_contents[3]), "a mismatch must not publish");
        Assert.False(IsObject(other));
        Assert.True(IsObject(_contents[4]));
        Assert.Equal(1, mount.Statistics.Mismatches);
        var plan = mount.Open(3);
        Assert.Null(plan.Fingerprint);
        Assert.Equal((1, 1), (mount.Statistics.SharedFiles, mount.Statistics.PrivateFiles));
        using var stream = mount.Image.OpenRead(mount.File(3));
        Assert.Equal(other, new BinaryReader(stream).ReadBytes(other.Length));
    }

    [Fact]
    public void FilesThatAreObjectsOrVerifiedAlreadyAreNotReadAhead()
    {
        string path = Build();
        _scratch.Publish(_contents[2]); // its object exists: its own open verifies it
        using (var first = new Mount(_scratch.Store, path))
        {
            first.Open(0);
            Eventually.True(() => first.Sharing.AheadIdle);
            Assert.Equal(Files - 1, first.Statistics.Hashed);
            Assert.NotNull(first.Open(2).Fingerprint);
            Assert.Equal(Files, first.Statistics.Hashed); // hashed by its own open
        }

        // Another mount of the same image version: every file has a verification record, nothing is read ahead.
        using var second = new Mount(_scratch.Store, path);
        second.Open(0);
        Eventually.True(() => second.Sharing.AheadIdle);
        Assert.Equal((0L, 1L), (second.Statistics.Hashed, second.Statistics.SharedFiles));
    }
}
