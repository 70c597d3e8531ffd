using Erofs.Checking;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// Compressed `erofs mkfs` images under a representative matrix (every algorithm with 4 KiB and 64 KiB pclusters,
/// block sizes 512/1024/4096, compact and full indexes, ztailpacking): the kernel mounts each and shows exactly the
/// source; our fsck reads every byte and finds nothing; Debian's fsck.erofs 1.5 accepts the LZ4 images with 4 KiB
/// blocks (its build has no LZMA, DEFLATE or Zstd, and no fragments).
/// </summary>
public sealed class CompressedKernelTests(CompressedTreeFixture fixture) : IClassFixture<CompressedTreeFixture>
{
    public static TheoryData<string> OptionSets => new()
    {
        "-zlz4",
        "-zlz4 -C65536",
        "-zlz4hc,12 -Elegacy-compress -Eztailpacking",
        "-zlz4hc -C65536 -Eztailpacking",
        "-zlzma -b512 -C4096",
        "-zlzma,level=9 -C65536 -Eztailpacking",
        "-zdeflate -b1024 -C4096 -Elegacy-compress",
        "-zdeflate,level=9 -C65536",
        "-zzstd -Eztailpacking",
        "-zzstd,level=9 -C65536 -b1024 -Eztailpacking,legacy-compress",
        "-zlz4hc:lzma:zstd -C65536 --compress-hints=HINTS",
        "-zlz4hc -C16384 -Ededupe,ztailpacking",
        "-zzstd -b1024 -Ededupe -Elegacy-compress",
        "-zlz4hc -C16384 -Efragments",
        "-zlz4 -Eall-fragments,dedupe",
        "-zzstd -C65536 -b1024 -Efragments,ztailpacking",
    };

    /// <summary>Per-path rules for the multi-algorithm build: random files flat, text in LZMA, mixed in Zstd, the rest LZ4HC.</summary>
    private const string Hints = "# hints for the multi-algorithm build\n\n0 ^sizes/rand-\n65536 1 ^big/text\n16384 2 mixed$\n4096 big/\n";

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void KernelFsckAndDebianFsckAgreeWithTheSource(string options)
    {
        KernelMount.RequireSupport();
        string image = Build(options);
        using (var mount = KernelMount.Mount(image))
        {
            var differences = TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint), new TreeCompareOptions());
            TreeComparer.AssertNoDifferences(differences, $"kernel mount of erofs mkfs {options}");
        }
        using (var erofs = ErofsImage.Open(image))
        {
            Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
            AssertCompressed(erofs, image, options);
            if (options.Contains("HINTS", StringComparison.Ordinal))
                AssertHintsApplied(erofs, image);
        }
        if (DebianFsckKnows(options))
        {
            var result = ErofsUtils.Fsck(image, "--extract=" + fixture.Scratch.Combine("extract" + BuilderRun.Suffix(options)));
            Assert.True(result.Succeeded, $"fsck.erofs 1.5 rejected erofs mkfs {options}: {result.StdErr}");
        }
    }

    /// <summary>Debian's fsck.erofs 1.5 is built with LZ4 only and knows 4 KiB blocks only.</summary>
    private static bool DebianFsckKnows(string options) => options.StartsWith("-zlz4", StringComparison.Ordinal)
        && !options.Contains(':', StringComparison.Ordinal) && !options.Contains("-b", StringComparison.Ordinal)
        && !options.Contains("dedupe", StringComparison.Ordinal) && !options.Contains("fragments", StringComparison.Ordinal);

    /// <summary>The features the options ask for are there, and big text files really are compressed.</summary>
    private static void AssertCompressed(ErofsImage erofs, string image, string options)
    {
        var incompat = erofs.Superblock.FeatureIncompat;
        Assert.True(incompat.HasFlag(FeatureIncompat.ZeroPadding));
        bool fragments = options.Contains("fragments", StringComparison.Ordinal);
        bool allFragments = options.Contains("all-fragments", StringComparison.Ordinal);
        // With fragments, files keep no inline tails; only the packed inode itself may have one.
        if (!fragments)
            Assert.Equal(options.Contains("ztailpacking", StringComparison.Ordinal), incompat.HasFlag(FeatureIncompat.Ztailpacking));
        bool lz4 = options.StartsWith("-zlz4", StringComparison.Ordinal) && !options.Contains(':', StringComparison.Ordinal);
        bool records = !lz4 || (options.Contains("-C", StringComparison.Ordinal) && !options.Contains("-C4096", StringComparison.Ordinal));
        Assert.Equal(records, incompat.HasFlag(FeatureIncompat.ComprCfgs));
        var text = erofs.ResolvePath("/big/text-3m")!;
        Assert.True(text.IsCompressed, "a 3 MiB text file was stored uncompressed");
        var expected = options.Contains("legacy-compress", StringComparison.Ordinal) || allFragments ? InodeLayout.CompressedFull : InodeLayout.CompressedCompact;
        Assert.Equal(expected, text.Layout);
        var copy = erofs.ResolvePath("/big/text-3m-copy")!;
        if (options.Contains("dedupe", StringComparison.Ordinal))
        {
            Assert.True(incompat.HasFlag(FeatureIncompat.Fragments), "dedupe needs the FRAGMENTS/DEDUPE bit");
            Assert.Equal(InodeLayout.CompressedFull, copy.Layout);
            Assert.True(copy.RawU <= 1, $"the copy of a file owns {copy.RawU} blocks instead of sharing its pclusters");
        }
        else
        {
            Assert.Equal(text.RawU, copy.RawU);
        }
        var tiny = erofs.ResolvePath("/sizes/text-1")!;
        if (fragments)
            AssertFragments(erofs, image, allFragments);
        else
            Assert.False(tiny.IsCompressed, "a 1-byte file should be stored flat: compression cannot save anything");
    }

    /// <summary>
    /// A packed inode exists; small files are whole fragments (no blocks); with all-fragments every file is, and
    /// the copy of a file shares its fragment (fragdedupe).
    /// </summary>
    private static void AssertFragments(ErofsImage erofs, string image, bool allFragments)
    {
        Assert.True(erofs.Superblock.FeatureIncompat.HasFlag(FeatureIncompat.Fragments));
        Assert.NotEqual(0UL, erofs.Superblock.PackedNid);
        foreach (string path in new[] { "/sizes/text-1", "/sizes/rand-4095", "/sizes/zero-4097" })
        {
            var small = erofs.ResolvePath(path)!;
            Assert.True(small.IsCompressed, $"{path} is not a fragment");
            Assert.Equal(0u, small.RawU);
            Assert.Equal(InodeLayout.CompressedFull, small.Layout);
        }
        if (!allFragments)
            return;
        ulong original = WholeFragmentOffset(erofs, image, "/big/text-3m");
        Assert.Equal(original, WholeFragmentOffset(erofs, image, "/big/text-3m-copy"));
        Assert.Equal(0u, erofs.ResolvePath("/big/segments-17m")!.RawU);
    }

    private static ulong WholeFragmentOffset(ErofsImage erofs, string image, string path)
    {
        ulong raw = BitConverter.ToUInt64(MapHeader(erofs, image, path));
        Assert.True(raw >> 63 == 1, $"{path} is not a whole-file fragment");
        return raw & ~(1UL << 63);
    }

    /// <summary>Each hinted file uses its rule's algorithm (the map header's HEAD1 nibble); rand files stay flat.</summary>
    private static void AssertHintsApplied(ErofsImage erofs, string image)
    {
        Assert.False(erofs.ResolvePath("/sizes/rand-65537")!.IsCompressed);
        Assert.Equal(1, HeadAlgorithm(erofs, image, "/big/text-3m"));
        Assert.Equal(3, HeadAlgorithm(erofs, image, "/big/mixed"));
        Assert.Equal(0, HeadAlgorithm(erofs, image, "/big/zeros-2m"));
        Assert.Equal(0, HeadAlgorithm(erofs, image, "/sizes/text-65537"));
        Assert.Equal(0b1011, erofs.Superblock.U1);
    }

    private static int HeadAlgorithm(ErofsImage erofs, string image, string path) => MapHeader(erofs, image, path)[6] & 0xF;

    /// <summary>The 8-byte map header of the compressed file at <paramref name="path"/>.</summary>
    private static byte[] MapHeader(ErofsImage erofs, string image, string path)
    {
        var inode = erofs.ResolvePath(path)!;
        Assert.True(inode.IsCompressed, $"{path} is not compressed");
        long header = (inode.Location + inode.InodeSize + inode.XattrSize + 7) & ~7L;
        var bytes = new byte[8];
        using (var handle = File.OpenHandle(image))
            RandomAccess.Read(handle, bytes, header);
        return bytes;
    }

    private string Build(string options)
    {
        string image = fixture.Scratch.Combine($"z{BuilderRun.Suffix(options)}.erofs");
        if (options.Contains("HINTS", StringComparison.Ordinal))
        {
            string hints = fixture.Scratch.Combine("hints");
            File.WriteAllText(hints, Hints);
            options = options.Replace("HINTS", hints, StringComparison.Ordinal);
        }
        if (!File.Exists(image))
        {
            var result = ErofsCli.Run(["mkfs", .. BuilderRun.Split(options), "--quiet", image, fixture.Root]);
            Assert.True(result.ExitCode == 0, $"erofs mkfs {options} failed: {result.StdErr}");
        }
        return image;
    }
}
