using Erofs.Runtime;
using Erofs.Runtime.Store;
using Erofs.Storage;
using Erofs.Tests.Building;

namespace Erofs.Tests.Runtime.Sharing;

/// <summary>The daemon's image reads: O_DIRECT behind the unit cache, and the buffered fallback where O_DIRECT is refused.</summary>
public sealed class UncachedImageReadTests
{
    private static void AssertReadsMatch(IBlockSource source, byte[] data)
    {
        var random = new Random(11);
        for (int i = 0; i < 300; i++)
        {
            int offset = random.Next(data.Length);
            int length = random.Next(0, Math.Min(data.Length - offset, i % 10 == 0 ? 300_000 : 40_000) + 1);
            var buffer = new byte[length];
            source.Read(offset, buffer);
            Assert.True(buffer.AsSpan().SequenceEqual(data.AsSpan(offset, length)), $"at {offset}+{length}");
        }
    }

    private static void WithFile(string directory, byte[] data, Action<string> test)
    {
        string path = Path.Combine(directory, $"erofs-uncached-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, data);
        try
        {
            test(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DirectReadsThroughTheUnitCacheMatchTheFileAndLeaveNoPagesCached()
    {
        // Not a multiple of 4096: the last unit is short and read through the bounce buffer.
        var data = SourceTrees.Random((2 << 20) + 777, 12);
        WithFile(Path.GetTempPath(), data, path =>
        {
            var uncached = new UncachedFileSource(path);
            Assert.True(uncached.Direct, "the temp directory's file system (ext4) supports O_DIRECT");
            // Written just now: write back first, or the dirty pages cannot be dropped.
            RandomAccess.FlushToDisk(uncached.Handle);
            StoreFile.DropPages(uncached.Handle, 0, 0);
            using var cached = new CachedBlockSource(uncached, capacityBytes: 256 << 10);
            AssertReadsMatch(cached, data);
            Assert.InRange(cached.CachedUnits, 1, 8);
            Assert.Equal(0, StoreFile.ResidentBytes(uncached.Handle));
        });
    }

    [Fact]
    public void WhereODirectIsRefusedReadsAreBufferedAndStillMatch()
    {
        var data = SourceTrees.Random((1 << 20) + 5, 13);
        string directory = Directory.CreateTempSubdirectory("erofs-ramfs-").FullName;
        Mount("ramfs", directory);
        try
        {
            WithFile(directory, data, path =>
            {
                var uncached = new UncachedFileSource(path);
                Assert.False(uncached.Direct, "ramfs refuses O_DIRECT");
                using var cached = new CachedBlockSource(uncached, capacityBytes: 128 << 10);
                AssertReadsMatch(cached, data);
                Assert.InRange(cached.CachedUnits, 1, 4);
            });
        }
        finally
        {
            Run("umount", directory);
            Directory.Delete(directory);
        }
    }

    // ramfs, unlike tmpfs (Linux 6.6+), refuses O_DIRECT.
    private static void Mount(string type, string directory) => Run("mount", $"-t {type} none {directory}");

    private static void Run(string command, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(command, arguments);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {arguments} failed ({process.ExitCode})");
    }
}
