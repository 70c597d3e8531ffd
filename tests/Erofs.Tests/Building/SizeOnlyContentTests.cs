using System.Security.Cryptography;
using Erofs.Building;
using Erofs.Building.Compressing;
using Erofs.Building.Source;
using Erofs.Building.Tar;
using Erofs.Checking;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Tests.Building.Tar;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building;

/// <summary>
/// Files with a size and no data (metadata images): one chunk-based inode of holes in every build
/// mode, read back through our reader and fsck (the kernel and overlayfs judge in the conformance suite).
/// </summary>
public sealed class SizeOnlyContentTests : IDisposable
{
    private const long TiB = 1L << 40;
    private static readonly BuildOptions Fixed = new() { Timestamp = 1700000000, Uuid = new byte[16] };
    private static readonly byte[] Digest = SHA256.HashData("the real content"u8);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1L)]
    [InlineData(4095L)]
    [InlineData(4096L)]
    [InlineData(4097L)]
    [InlineData(10L << 20)]
    [InlineData(5L << 30)]
    public void AFileBecomesOneHoleChunkAndNoDataBlocks(long size)
    {
        var root = SourceNode.NewDirectory();
        root.Add("f", SizeOnly(size));
        var (image, result) = Build(root, Fixed);
        using (image)
        {
            var info = image.ResolvePath("/f")!;
            Assert.Equal((InodeLayout.ChunkBased, (ulong)size), (info.Layout, info.Size));
            Assert.Equal((uint)ChunkFormat.BlockBitsMask, info.RawU); // 8 TiB chunks, block map
            var extent = Assert.Single(image.GetExtents(info));
            Assert.Equal(ExtentKind.Hole, extent.Kind);
            Assert.True((image.Superblock.FeatureIncompat & FeatureIncompat.ChunkedFile) != 0);
            Assert.Equal(1UL, result.Blocks); // superblock, root and the inode share the first block
            AssertReadsZeros(image, info);
            Assert.Empty(new ImageChecker(image, new CheckOptions { ReadAllData = true }).Check());
        }
    }

    [Fact]
    public void AFileOver8TiBNeedsOneEntryPer8TiBChunk()
    {
        var root = SourceNode.NewDirectory();
        root.Add("huge", SizeOnly(20 * TiB));
        var (image, result) = Build(root, Fixed);
        using (image)
        {
            var info = image.ResolvePath("/huge")!;
            Assert.True(info.IsExtended); // i_size does not fit 32 bits
            var extents = image.GetExtents(info).ToList();
            Assert.Equal(3, extents.Count);
            Assert.All(extents, e => Assert.Equal(ExtentKind.Hole, e.Kind));
            Assert.Equal(1UL, result.Blocks);
            AssertReadsZeros(image, info);
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void ChunksAreTheLargestTheFormatAllowsForEveryBlockSize(int blockBits)
    {
        var root = SourceNode.NewDirectory();
        root.Add("f", SizeOnly(5L << 30));
        var (image, _) = Build(root, Fixed with { BlockSizeBits = blockBits });
        using (image)
        {
            var info = image.ResolvePath("/f")!;
            Assert.Equal((uint)ChunkFormat.BlockBitsMask, info.RawU);
            Assert.Single(image.GetExtents(info));
        }
    }

    [Fact]
    public void ForcedChunkIndexesAreHonouredAndStillHoles()
    {
        var root = SourceNode.NewDirectory();
        root.Add("f", SizeOnly(10L << 20));
        var (image, _) = Build(root, Fixed with { ForceChunkIndexes = true });
        using (image)
        {
            var info = image.ResolvePath("/f")!;
            Assert.Equal((uint)(ChunkFormat.BlockBitsMask | ChunkFormat.Indexes), info.RawU);
            Assert.Equal(ExtentKind.Hole, Assert.Single(image.GetExtents(info)).Kind);
        }
    }

    [Fact]
    public void TheFingerprintIsTheKnownDigestAndNoneWithoutOne()
    {
        // SizeOnlyContent.Open throws: a build that succeeds read nothing from these files.
        var root = SourceNode.NewDirectory();
        root.Add("known", SizeOnly(5L << 30, Digest));
        root.Add("unknown", SizeOnly(4097));
        root.Add("normal", SourceTrees.File(SourceTrees.Random(5000, 1)));
        var (image, _) = Build(root, Fixed with { FingerprintXattrName = "erofs.fingerprint.v1" });
        using (image)
        {
            Assert.Equal([.. "sha256:"u8, .. Digest], image.GetFingerprint(image.ResolvePath("/known")!)!);
            Assert.Null(image.GetFingerprint(image.ResolvePath("/unknown")!));
            Assert.Equal([.. "sha256:"u8, .. SHA256.HashData(SourceTrees.Random(5000, 1))], image.GetFingerprint(image.ResolvePath("/normal")!)!);
        }
    }

    [Fact]
    public void WithoutFingerprintsTheDigestWritesNothing()
    {
        var root = SourceNode.NewDirectory();
        root.Add("known", SizeOnly(4096, Digest));
        var (image, _) = Build(root, Fixed);
        using (image)
        {
            var info = image.ResolvePath("/known")!;
            Assert.Equal(0, info.XattrSize);
            Assert.Null(image.GetFingerprint(info));
        }
    }

    public static TheoryData<string> Modes => new() { "flat", "noinline", "chunked", "blob", "lz4-dedupe-fragments", "lz4-all-fragments", "lz4-ztailpacking" };

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryBuildModeWritesHolesAndLeavesTheOtherFilesAlone(string mode)
    {
        var options = OptionsFor(mode);
        var withSizeOnly = MixedTree(sizeOnly: true);
        var (image, result) = Build(withSizeOnly, options, "with.erofs", blob: mode == "blob");
        var (plain, plainResult) = Build(MixedTree(sizeOnly: false), options, "without.erofs", blob: mode == "blob");
        plain.Dispose();
        using (image)
        {
            foreach (string name in new[] { "s1", "s4097", "s5g", "link-to-s4097" })
            {
                var info = image.ResolvePath("/" + name)!;
                Assert.Equal(InodeLayout.ChunkBased, info.Layout);
                Assert.All(image.GetExtents(info), e => Assert.Equal(ExtentKind.Hole, e.Kind));
            }
            Assert.Equal(image.ResolvePath("/s4097")!.Nid, image.ResolvePath("/link-to-s4097")!.Nid);
            Assert.Equal(2u, image.ResolvePath("/s4097")!.Nlink);
            foreach (var (name, bytes) in NormalFiles())
                Assert.Equal(bytes, ReadAll(image, image.ResolvePath("/" + name)!));
            // Only metadata grows: a few inodes, never a data block for 5 GiB.
            Assert.InRange(result.Blocks, plainResult.Blocks, plainResult.Blocks + 1);
            Assert.Equal(plainResult.BlobBlocks, result.BlobBlocks);
            Assert.Empty(new ImageChecker(image, new CheckOptions { ReadAllData = true }).Check());
        }
    }

    [Fact]
    public void IndexModeKeepsSizeOnlyFilesOutOfTheArchive()
    {
        string tar = Path.Combine(_dir.Path, "in.tar");
        var data = SourceTrees.Random(3000, 5);
        File.WriteAllBytes(tar, new TarBytes().Entry("data", data: data).Build());
        using var archive = TarArchive.Open(tar, new TarReadOptions());
        archive.Root.Add("meta", SizeOnly(5L << 30, Digest));
        string path = Path.Combine(_dir.Path, "index.erofs");
        ImageBuilder.Build(archive.Root, path, Fixed with { BlockSizeBits = 9, IndexedArchivePath = tar, FingerprintXattrName = "erofs.fingerprint.v1" });
        using var image = ErofsImage.Open(path, new ReadOptions { DevicePaths = [tar] });
        var meta = image.ResolvePath("/meta")!;
        Assert.Equal(InodeLayout.ChunkBased, meta.Layout);
        Assert.Equal(ExtentKind.Hole, Assert.Single(image.GetExtents(meta)).Kind);
        Assert.Equal([.. "sha256:"u8, .. Digest], image.GetFingerprint(meta)!);
        Assert.Equal(data, ReadAll(image, image.ResolvePath("/data")!));
    }

    [Fact]
    public void TheContentHasNoBytesAndChecksItsArguments()
    {
        var content = new SizeOnlyContent(10, Digest);
        Assert.Equal(10, content.Length);
        Assert.Empty(content.DataRanges!);
        Assert.Throws<InvalidOperationException>(() => content.Open());
        content.Sha256![0] ^= 1;
        Assert.Equal(Digest, content.Sha256);
        Assert.Null(new SizeOnlyContent(10).Sha256);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SizeOnlyContent(-1));
        Assert.Throws<ArgumentException>(() => new SizeOnlyContent(10, new byte[31]));
        Assert.Throws<ArgumentException>(() => new SizeOnlyContent(10, []));
    }

    private static SourceNode SizeOnly(long size, byte[]? sha256 = null) =>
        new() { Mode = 0x81A4, Content = new SizeOnlyContent(size, sha256) };

    private static IEnumerable<(string Name, byte[] Bytes)> NormalFiles() =>
    [
        ("small", "hello\n"u8.ToArray()),
        ("random", SourceTrees.Random(20000, 2)),
        ("zeros", new byte[12288]),
        ("text", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("compressible text ", 2000)))),
    ];

    private static SourceNode MixedTree(bool sizeOnly)
    {
        var root = SourceNode.NewDirectory();
        foreach (var (name, bytes) in NormalFiles())
            root.Add(name, SourceTrees.File(bytes));
        if (!sizeOnly)
            return root;
        root.Add("s1", SizeOnly(1, Digest));
        var linked = root.Add("s4097", SizeOnly(4097));
        root.Add("link-to-s4097", linked);
        root.Add("s5g", SizeOnly(5L << 30, Digest));
        return root;
    }

    private static BuildOptions OptionsFor(string mode)
    {
        var lz4 = new CompressionOptions { Compressors = [new CompressorOptions("lz4")] };
        var options = Fixed with { FingerprintXattrName = "erofs.fingerprint.v1" };
        return mode switch
        {
            "flat" => options,
            "noinline" => options with { InlineData = false },
            "chunked" => options with { ChunkSize = 4096 },
            "blob" => options with { ChunkSize = 8192 },
            "lz4-dedupe-fragments" => options with { Compression = lz4 with { Dedupe = true, Fragments = true } },
            "lz4-all-fragments" => options with { Compression = lz4 with { AllFragments = true } },
            "lz4-ztailpacking" => options with { Compression = lz4 with { TailPacking = true } },
            _ => throw new ArgumentException(mode),
        };
    }

    private (ErofsImage Image, BuildResult Result) Build(SourceNode root, BuildOptions options, string name = "image.erofs", bool blob = false)
    {
        string path = Path.Combine(_dir.Path, name);
        string? blobPath = blob ? path + ".blob" : null;
        var result = ImageBuilder.Build(root, path, options with { BlobDevicePath = blobPath });
        return (ErofsImage.Open(path, new ReadOptions { DevicePaths = blobPath is null ? [] : [blobPath] }), result);
    }

    private static byte[] ReadAll(ErofsImage image, InodeInfo info)
    {
        var bytes = new byte[info.Size];
        image.Read(info, 0, bytes);
        return bytes;
    }

    /// <summary>The first and last blocks and a piece in the middle read as zeros.</summary>
    private static void AssertReadsZeros(ErofsImage image, InodeInfo info)
    {
        long size = (long)info.Size;
        var buffer = new byte[Math.Min(size, 8192)];
        foreach (long at in new[] { 0, size / 2 & ~4095L, size - buffer.Length })
        {
            Array.Fill(buffer, (byte)0xAA);
            int n = image.Read(info, Math.Min(at, size - buffer.Length), buffer);
            Assert.Equal(buffer.Length, n);
            Assert.DoesNotContain(buffer, b => b != 0);
        }
    }
}
