using System.Security.Cryptography;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime;
using Erofs.Runtime.Sharing;
using Erofs.Runtime.Store;
using Erofs.Storage;
using Erofs.Tests.Building;
using Microsoft.Win32.SafeHandles;
using Erofs.Tests.Runtime.Store;

namespace Erofs.Tests.Runtime.Sharing;

/// <summary>The per-mount sharing logic against a real store and image, with a fake backing registry instead of a kernel.</summary>
public sealed class FileSharingTests : IDisposable
{
    private readonly StoreScratch _scratch = new();
    private readonly byte[] _content = SourceTrees.Random(300_000, 1);

    private sealed class FakeBacking : IBackingFiles
    {
        public int Opened;
        public int Closed;

        public int Open(SafeFileHandle file) => Interlocked.Increment(ref Opened) + 100;

        public void Close(int backingId) => Interlocked.Increment(ref Closed);
    }

    public void Dispose() => _scratch.Dispose();

    private string Build(string name, bool fingerprints)
    {
        var root = SourceNode.NewDirectory();
        root.Add("f", SourceTrees.File(_content));
        root.Add("empty", SourceTrees.File([]));
        string path = _scratch.File(name);
        ImageBuilder.Build(root, path, new BuildOptions { Timestamp = 1, Uuid = new byte[16], FingerprintXattrName = fingerprints ? "erofs.fingerprint.v1" : null });
        return path;
    }

    private static (FileSharing Sharing, ErofsImage Image, MountStatistics Statistics) Open(ObjectStore store, string path, bool local = false)
    {
        var source = new UncachedFileSource(path);
        var identity = ImageIdentity.Of(source.Handle);
        var image = ErofsImage.Open(new CachedBlockSource(source));
        var statistics = new MountStatistics();
        var sharing = new FileSharing(store, identity, image, new SharingPolicy(path, false, local, TimeSpan.Zero), statistics, null);
        return (sharing, image, statistics);
    }

    [Fact]
    public void AFingerprintedFileIsVerifiedOncePublishedAndSharedAndAnEmptyOneIsPrivate()
    {
        string path = Build("a.erofs", fingerprints: true);
        var fingerprint = StoreScratch.FingerprintOf(_content);
        var (sharing, image, statistics) = Open(_scratch.Store, path);
        using (sharing)
        using (image)
        {
            var decision = sharing.Decide(image.ResolvePath("/f")!);
            Assert.Equal(fingerprint, decision.Fingerprint);
            Assert.Same(decision, sharing.Decide(image.ResolvePath("/f")!));
            Assert.False(sharing.Decide(image.ResolvePath("/empty")!).IsShared);
            Assert.Equal((1, 1, 1, 1), (statistics.SharedFiles, statistics.PrivateFiles, statistics.Hashed, statistics.Published));
            _scratch.Store.Flush();
            Assert.Equal(_content, File.ReadAllBytes(_scratch.Store.ObjectPath(fingerprint)));
        }

        // Another mount of the same image version trusts the recorded verification.
        var (again, image2, statistics2) = Open(_scratch.Store, path);
        using (again)
        using (image2)
        {
            Assert.True(again.Decide(image2.ResolvePath("/f")!).IsShared);
            Assert.Equal(0, statistics2.Hashed);
        }
    }

    [Fact]
    public void FilesWithoutFingerprintsArePrivateUnlessFingerprintsAreComputedLocally()
    {
        string path = Build("plain.erofs", fingerprints: false);
        var (plain, image, _) = Open(_scratch.Store, path);
        using (plain)
        using (image)
            Assert.Equal("no fingerprint", plain.Decide(image.ResolvePath("/f")!).Reason);

        var (local, image2, statistics) = Open(_scratch.Store, path, local: true);
        using (local)
        using (image2)
        {
            Assert.Equal(StoreScratch.FingerprintOf(_content), local.Decide(image2.ResolvePath("/f")!).Fingerprint);
            Assert.Equal((1, 1), (statistics.Hashed, statistics.Published));
        }
        var (remembered, image3, statistics3) = Open(_scratch.Store, path, local: true);
        using (remembered)
        using (image3)
        {
            Assert.True(remembered.Decide(image3.ResolvePath("/f")!).IsShared);
            Assert.Equal(0, statistics3.Hashed);
        }
    }

    [Fact]
    public void OneLeaseAndBackingIdServeEveryOpenUntilTheLastRelease()
    {
        string path = Build("a.erofs", fingerprints: true);
        var (sharing, image, _) = Open(_scratch.Store, path);
        var backing = new FakeBacking();
        sharing.Attach(backing);
        using (sharing)
        using (image)
        {
            var inode = image.ResolvePath("/f")!;
            var fingerprint = sharing.Decide(inode).Fingerprint!.Value;
            int first = sharing.Open(inode).BackingId;
            Assert.Equal(first, sharing.Open(inode).BackingId);
            Assert.Equal(1, backing.Opened);
            Eventually.True(() => _scratch.Store.Stats().Leases == 1, () => $"{_scratch.Store.Stats().Leases} leases");
            Assert.Equal(0, _scratch.Store.Gc().Removed);

            sharing.Release(fingerprint);
            Assert.Equal(0, backing.Closed);
            Eventually.True(() => _scratch.Store.Stats().Leases == 1, () => $"{_scratch.Store.Stats().Leases} leases");
            sharing.Release(fingerprint);
            Assert.Equal(1, backing.Closed);
            Eventually.True(() => _scratch.Store.Stats().Leases == 0, () => $"{_scratch.Store.Stats().Leases} leases");

            // Unused now: gc may remove it, and the next open publishes it again from the image.
            Assert.Equal(1, _scratch.Store.Gc().Removed);
            Assert.Equal(fingerprint, sharing.Open(inode).Fingerprint);
            _scratch.Store.Flush();
            Assert.Equal(_content, File.ReadAllBytes(_scratch.Store.ObjectPath(fingerprint)));
        }
        Assert.Equal(2, backing.Closed); // dispose released what was still held
    }

    [Fact]
    public void TheUncachedSourceReadsTheSameBytesAsTheFile()
    {
        string path = _scratch.File("data.bin");
        var data = SourceTrees.Random(3 << 20, 9);
        File.WriteAllBytes(path, data);
        using var source = new UncachedFileSource(path);
        Assert.True(source.Direct, "ext4 supports O_DIRECT");
        var random = new Random(4);
        for (int i = 0; i < 50; i++)
        {
            int offset = random.Next(data.Length);
            var buffer = new byte[random.Next(0, Math.Min(data.Length - offset, 1_500_000) + 1)];
            source.Read(offset, buffer);
            Assert.True(buffer.AsSpan().SequenceEqual(data.AsSpan(offset, buffer.Length)), $"at {offset}+{buffer.Length}");
        }
        Assert.Throws<ErofsContentException>(() => source.Read(data.Length - 1, new byte[2]));
    }
}
