using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Fuse;
using Erofs.Runtime;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// The FUSE library and runtime in this process: passthrough backing registration, mounting through
/// fusermount3, cloned worker descriptors, lookup accounting and concurrent readers.
/// </summary>
public sealed class FuseLibraryTests
{
    [Fact]
    public void PassthroughFilesAreReadByTheKernelFromTheBackingFile()
    {
        using var dir = TempDir.Create("passthrough");
        string backing = dir.Combine("backing.bin");
        var content = new byte[3 << 20];
        new Random(3).NextBytes(content);
        File.WriteAllBytes(backing, content);
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new PassthroughFileSystem(backing);

        using (var session = FuseSession.Mount(mountPoint, fs, new FuseSessionOptions { Passthrough = true, Source = "passthrough-test" }))
        {
            fs.Session = session;
            Assert.True(session.Connection.Passthrough, $"passthrough not negotiated: {session.Connection.Flags}");
            using (var open = File.OpenRead(Path.Combine(mountPoint, "file")))
            {
                Assert.Equal(content, File.ReadAllBytes(Path.Combine(mountPoint, "file")));
                Assert.Equal(0, fs.Reads);
                Assert.True(fs.BackingId >= 0);

                // Dropping the registration leaves files already open on it readable.
                session.CloseBacking(fs.BackingId);
                Assert.Throws<IOException>(() => session.CloseBacking(fs.BackingId));
                var head = new byte[4096];
                open.ReadExactly(head);
                Assert.Equal(content.AsSpan(0, 4096).ToArray(), head);
                Assert.Equal(0, fs.Reads);
            }
        }

        Assert.False(MountTable.IsMountPoint(mountPoint));
    }

    [Fact]
    public void WithoutPassthroughTheDaemonServesReads()
    {
        using var dir = TempDir.Create("no-passthrough");
        string backing = dir.Combine("backing.bin");
        File.WriteAllBytes(backing, new byte[100_000]);
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new PassthroughFileSystem(backing);

        using var session = FuseSession.Mount(mountPoint, fs, new FuseSessionOptions { Passthrough = false });
        fs.Session = session;

        Assert.False(session.Connection.Passthrough);
        Assert.Equal(100_000, File.ReadAllBytes(Path.Combine(mountPoint, "file")).Length);
        Assert.True(fs.Reads > 0);
        Assert.Throws<InvalidOperationException>(() => session.OpenBacking(File.OpenHandle(backing)));
    }

    [Fact]
    public void FusermountMountServesWithoutPassthrough()
    {
        HostTools.Require("fusermount3", "fuse3");
        var corpus = CorpusImages.Get("shared-xattrs");
        using var dir = TempDir.Create("fusermount");
        string mountPoint = dir.CreateSubdirectory("mnt");

        using (var mount = ErofsMount.Start(corpus.ImagePath, mountPoint, new ErofsMountOptions(), method: FuseMountMethod.Fusermount))
        {
            Assert.True(mount.Session.MountedWithFusermount);
            Assert.False(mount.Session.Connection.Passthrough);
            Assert.Equal("fuse.erofs", MountTable.Find(mountPoint)?.FsType);
            TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), mountPoint), "fusermount3 mount");
        }

        Assert.False(MountTable.IsMountPoint(mountPoint));
    }

    [Fact]
    public void WorkersReadTheirOwnClonedDescriptors()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("workers");
        string mountPoint = dir.CreateSubdirectory("mnt");
        int before = FuseDescriptors();

        using var mount = ErofsMount.Start(corpus.ImagePath, mountPoint, new ErofsMountOptions());

        Assert.InRange(mount.Session.WorkerCount, 2, 4);
        Assert.Equal(mount.Session.WorkerCount, FuseDescriptors() - before);
    }

    [Fact]
    public void ForgottenNodesAreReleasedAndHardLinksShareANode()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("forget");
        string mountPoint = dir.CreateSubdirectory("mnt");
        using var mount = ErofsMount.Start(corpus.ImagePath, mountPoint, new ErofsMountOptions());

        var snapshot = TreeSnapshot.Capture(mountPoint, hashContent: false);
        int live = mount.FileSystem.LiveNodes;
        Assert.InRange(live, 1, snapshot.Count);
        var links = snapshot.Where(e => e.Type == FileType.Regular && e.Nlink > 1).GroupBy(e => e.Inode).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, g => Assert.Equal((int)g.First().Nlink, g.Count()));

        // Dropping the dentry and inode caches makes the kernel send FORGETs for everything unused.
        File.WriteAllText("/proc/sys/vm/drop_caches", "2");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (mount.FileSystem.LiveNodes > live / 10 && DateTime.UtcNow < deadline)
            Thread.Sleep(50);

        Assert.True(mount.FileSystem.LiveNodes <= live / 10, $"{mount.FileSystem.LiveNodes} of {live} nodes still held after drop_caches");
        Assert.InRange(mount.FileSystem.CachedListings, 0, ErofsFileSystem.ListingCacheSize);
    }

    [Fact]
    public void ConcurrentReadersAllSeeTheRightBytes()
    {
        var corpus = CorpusImages.Get("lz4hc-bigpcluster");
        var files = corpus.LoadManifest().Entries.Where(e => e.Type == FileType.Regular).ToList();
        using var dir = TempDir.Create("stress");
        string mountPoint = dir.CreateSubdirectory("mnt");
        using var mount = ErofsMount.Start(corpus.ImagePath, mountPoint, new ErofsMountOptions());
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int reads = 0;

        var until = DateTime.UtcNow.AddSeconds(3);
        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            while (DateTime.UtcNow < until)
            {
                var file = files[random.Next(files.Count)];
                string hash = TreeSnapshot.HashFile(mountPoint + file.Path);
                Interlocked.Increment(ref reads);
                if (hash != file.Sha256)
                    failures.Add(file.Path);
            }
        });

        Assert.Empty(failures);
        Assert.True(reads > 100, $"only {reads} reads");
        Assert.Equal(0, mount.FileSystem.DamagedFiles);
    }

    private static int FuseDescriptors() =>
        Directory.GetFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget == "/dev/fuse");
}
