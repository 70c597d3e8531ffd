using Erofs.Checking;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>Compressed `erofs mkfs` as scripts use it: reproducible whatever the thread count, clear errors for bad input.</summary>
public sealed class CompressedMkfsCliTests(CompressedTreeFixture fixture) : IClassFixture<CompressedTreeFixture>
{
    [Theory]
    [InlineData("-zlz4hc -C65536 -Eztailpacking,dedupe")]
    [InlineData("-zdeflate -C16384")]
    [InlineData("-zzstd:lz4 -Elegacy-compress")]
    [InlineData("-zlz4hc -C16384 -Efragments,dedupe")]
    [InlineData("-zlz4 -Eall-fragments")]
    public void OutputIsTheSameWhateverTheThreadCount(string options)
    {
        string one = fixture.Scratch.Combine($"threads-1{BuilderRun.Suffix(options)}.erofs");
        string four = fixture.Scratch.Combine($"threads-4{BuilderRun.Suffix(options)}.erofs");
        string[] fixedArgs = ["mkfs", .. BuilderRun.Split(options), "-T1700000000", "-Uclear", "--quiet"];
        ErofsCli.Run([.. fixedArgs, "--workers=1", one, fixture.Root]).EnsureSuccess();
        ErofsCli.Run([.. fixedArgs, "--workers=4", four, fixture.Root]).EnsureSuccess();
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(four));
    }

    [Fact]
    public void FilesOfSeveralCompressionSegmentsAreTheSameWhateverTheThreadCount()
    {
        // 150 MiB: three 64 MiB segments compressed on different threads. Sparse (cheap on disk) with
        // random and repetitive islands so that the pclusters at the segment cuts hold real data.
        using var scratch = TempDir.Create("segments");
        string tree = scratch.Combine("tree");
        Directory.CreateDirectory(tree);
        using (var file = File.Create(Path.Combine(tree, "large.bin")))
        {
            var random = new Random(150);
            byte[] island = new byte[3 << 20];
            for (long offset = 0; offset < 150L << 20; offset += 10L << 20)
            {
                random.NextBytes(island.AsSpan(0, island.Length / 2));
                island.AsSpan(island.Length / 2).Fill((byte)(offset >> 20));
                file.Position = offset + (offset % (7 << 20));
                file.Write(island);
            }
            file.SetLength(150L << 20);
        }
        string one = scratch.Combine("one.erofs"), four = scratch.Combine("four.erofs");
        string[] fixedArgs = ["mkfs", "-zlz4", "-C65536", "-T1700000000", "-Uclear", "--quiet"];
        ErofsCli.Run([.. fixedArgs, "--workers=1", one, tree]).EnsureSuccess();
        ErofsCli.Run([.. fixedArgs, "--workers=4", four, tree]).EnsureSuccess();
        Assert.True(File.ReadAllBytes(one).AsSpan().SequenceEqual(File.ReadAllBytes(four)), "the images differ");
        ErofsCli.Run("fsck", "--extract", one).EnsureSuccess();
    }

    [Theory]
    [InlineData("-zbrotli", "unknown compression algorithm 'brotli'")]
    [InlineData("-zlz4:zstd:gzip", "unknown compression algorithm 'gzip'")]
    [InlineData("-zlz4hc,level=13", "-z lz4hc: level '13' is out of range (0-12)")]
    [InlineData("-zlzma,level=10", "-z lzma: level '10' is out of range (0-9 or 100-109)")]
    [InlineData("-zdeflate,level=x", "-z deflate: level 'x' is out of range")]
    [InlineData("-zlz4,level=3", "-z lz4: takes no level")]
    [InlineData("-zlzma,dictsize=1G", "lzma dictionary size 1073741824 is out of range")]
    public void BadAlgorithmsAndLevelsAreUsageErrors(string option, string fragment)
    {
        var result = ErofsCli.Run("mkfs", option, fixture.Scratch.Combine("bad.erofs"), fixture.Root);
        ErofsCli.AssertOneLineError(result, fragment);
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(fixture.Scratch.Combine("bad.erofs")));
    }

    [Theory]
    [InlineData("-Efragments=5000", "-E fragments: pcluster size 5000 must be a multiple of the block size 4096")]
    [InlineData("-Efragments=big", "-E fragments=big: the packed pcluster size must be a positive number of bytes")]
    [InlineData("-Efragdedupe=maybe", "-E fragdedupe=maybe: fragdedupe takes 'inode' or 'full'")]
    public void BadFragmentOptionsAreUsageErrors(string option, string fragment)
    {
        var result = ErofsCli.Run("mkfs", "-zlz4", option, fixture.Scratch.Combine("bad.erofs"), fixture.Root);
        ErofsCli.AssertOneLineError(result, fragment);
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(fixture.Scratch.Combine("bad.erofs")));
    }

    [Theory]
    [InlineData("4096 0 1 big/.*", "hints.txt:2: expected 'PCLUSTER_SIZE [ALGORITHM_INDEX] REGEX', got '4096 0 1 big/.*'")]
    [InlineData("lots big/.*", "hints.txt:2: pcluster size 'lots' is not a number")]
    [InlineData("4096 x big/.*", "hints.txt:2: algorithm index 'x' is not a number")]
    [InlineData("4096 2 big/.*", "hints.txt:2: algorithm index 2 is out of range (the -z list has 2)")]
    [InlineData("2097152 big/.*", "hints.txt:2: pcluster size 2097152 must be a multiple of the block size 4096 up to 1048576")]
    [InlineData("4096 big/(", "hints.txt:2: Invalid regular expression 'big/('")]
    public void MalformedHintsNameTheLineAndTheProblem(string line, string fragment)
    {
        string hints = fixture.Scratch.Combine("hints.txt");
        File.WriteAllText(hints, $"# comment\n{line}\n");
        var result = ErofsCli.Run("mkfs", "-zlz4:lzma", $"--compress-hints={hints}", fixture.Scratch.Combine("bad.erofs"), fixture.Root);
        ErofsCli.AssertOneLineError(result, fragment);
        Assert.Equal(2, result.ExitCode);
    }

    /// <summary>
    /// mkfs.erofs 1.9.3 warns about a hints line whose pcluster size is not a multiple of the block size and
    /// skips the whole line, algorithm included; so do we (saying so), and --quiet keeps the warning quiet.
    /// </summary>
    [Fact]
    public void HintsLineWithAMisalignedSizeIsSkippedWithAWarning()
    {
        string hints = fixture.Scratch.Combine("misaligned-hints.txt");
        File.WriteAllText(hints, "# the 1 MiB + 1 of a typo\n1048577 1 ^big/text\n");
        string image = fixture.Scratch.Combine("misaligned-hints.erofs");

        var result = ErofsCli.Run("mkfs", "-zlz4:lzma", $"--compress-hints={hints}", image, fixture.Root);

        Assert.Equal(0, result.ExitCode);
        string warning = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"erofs mkfs: warning: {hints}:2: invalid physical clustersize 1048577 (not a multiple of the block size 4096): "
            + "line skipped, its files get the next matching line or the default pclustersize", warning);
        using (var erofs = ErofsImage.Open(image))
        {
            Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
            var text = erofs.ResolvePath("/big/text-3m")!;
            Assert.True(text.IsCompressed);
            // The line's algorithm (1: lzma) went with it: the default, lz4, compressed the file.
            Assert.DoesNotContain(erofs.GetExtents(text), e => e.Encoding == ExtentEncoding.Lzma);
            Assert.Contains(erofs.GetExtents(text), e => e.Encoding == ExtentEncoding.Lz4);
        }
        var quiet = ErofsCli.Run("mkfs", "-zlz4:lzma", $"--compress-hints={hints}", "--quiet", fixture.Scratch.Combine("misaligned-quiet.erofs"), fixture.Root);
        Assert.Equal((0, ""), (quiet.ExitCode, quiet.StdErr));
    }

    /// <summary>A tar stream compresses through the same content abstraction as a directory.</summary>
    [Fact]
    public void TarInputIsCompressedToo()
    {
        KernelMount.RequireSupport();
        string tar = fixture.Scratch.Combine("tree.tar");
        if (!File.Exists(tar))
            ProcessRunner.RunChecked("tar", "--format=pax", "-cf", tar, "-C", fixture.Root, ".");
        string image = fixture.Scratch.Combine("tar-lz4hc.erofs");
        ErofsCli.Run("mkfs", "--tar=f", "-zlz4hc", "-C65536", "-Eztailpacking", "--quiet", image, tar).EnsureSuccess();
        using (var mount = KernelMount.Mount(image))
        {
            var differences = TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint),
                new TreeCompareOptions { Ignore = TreeProperties.Mtime });
            TreeComparer.AssertNoDifferences(differences, "kernel mount of a compressed build from tar");
        }
        using var erofs = ErofsImage.Open(image);
        Assert.True(erofs.ResolvePath("/big/text-3m")!.IsCompressed);
        Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
    }

    /// <summary>
    /// A sparse file just over 4 GiB, nearly all zeros (LZ4 keeps the image small): 64-bit sizes, and extents and
    /// compact-index packs past 4 GiB of file offsets.
    /// </summary>
    [Fact]
    public void AFileOver4GiBRoundTripsThroughTheKernel()
    {
        KernelMount.RequireSupport();
        string root = fixture.Scratch.CreateSubdirectory("huge-src");
        string huge = Path.Combine(root, "huge");
        long size = (4L << 30) + 4097;
        using (var handle = File.OpenHandle(huge, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, size);
            RandomAccess.Write(handle, CompressedTreeFixture.Text(70_000, 7), 0);
            RandomAccess.Write(handle, CompressedTreeFixture.Random(9_000, 8), (4L << 30) - 5_000);
            RandomAccess.Write(handle, CompressedTreeFixture.Text(3_000, 9), size - 3_000);
        }
        File.WriteAllBytes(Path.Combine(root, "after"), CompressedTreeFixture.Text(10_000, 10));
        string image = fixture.Scratch.Combine("huge.erofs");
        ErofsCli.Run("mkfs", "-zlz4", "-C65536", "--quiet", image, root).EnsureSuccess();
        try
        {
            Assert.True(new FileInfo(image).Length < 64L << 20, $"the image is {new FileInfo(image).Length} bytes");
            using (var mount = KernelMount.Mount(image))
            {
                var differences = TreeComparer.Compare(TreeSnapshot.Capture(root), TreeSnapshot.Capture(mount.MountPoint), new TreeCompareOptions());
                TreeComparer.AssertNoDifferences(differences, "kernel mount of a 4 GiB compressed file");
            }
            using var erofs = ErofsImage.Open(image);
            Assert.Equal((ulong)size, erofs.ResolvePath("/huge")!.Size);
            Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
        }
        finally
        {
            File.Delete(huge);
            File.Delete(image);
        }
    }
}
