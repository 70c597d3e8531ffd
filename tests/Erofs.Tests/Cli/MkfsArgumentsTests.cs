using Erofs.Building;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands.Mkfs;

namespace Erofs.Tests.Cli;

/// <summary>`erofs mkfs` takes mkfs.erofs's own spelling of every option it supports.</summary>
public sealed class MkfsArgumentsTests
{
    private static MkfsRequest Parse(params string[] args) =>
        MkfsArguments.Parse(MkfsOptionTable.Create().Parse(args), _ => null);

    [Fact]
    public void DefaultsAreMkfsErofs19s()
    {
        var o = Parse("img", "dir").Options;
        Assert.Equal(12, o.BlockSizeBits);
        Assert.Equal(2, o.XattrSharingThreshold);
        Assert.True(o.XattrNameFilter);
        Assert.True(o.InlineData);
        Assert.Null(o.FingerprintXattrName);
        Assert.Null(o.Timestamp);
        Assert.Null(o.Uuid);
    }

    [Fact]
    public void ShortOptionsTakeAttachedOrSeparateValues()
    {
        var o = Parse("-b1024", "-x", "1", "-T1700000000", "-U", "5eed0000-0000-4000-8000-000000000001", "-Lvol", "img", "dir").Options;
        Assert.Equal(10, o.BlockSizeBits);
        Assert.Equal(1, o.XattrSharingThreshold);
        Assert.Equal(1700000000, o.Timestamp);
        Assert.Equal(Convert.FromHexString("5eed0000000040008000000000000001"), o.Uuid);
        Assert.Equal("vol", o.Label);
    }

    [Fact]
    public void ExtendedOptionsAndTheirNegations()
    {
        var o = Parse("-Eforce-inode-extended,noinline_data", "-E^xattr-name-filter", "-Enosbcrc,force-chunk-indexes", "img", "dir").Options;
        Assert.Equal(InodeFormPolicy.ForceExtended, o.InodeForm);
        Assert.False(o.InlineData);
        Assert.False(o.XattrNameFilter);
        Assert.False(o.SuperblockChecksum);
        Assert.True(o.ForceChunkIndexes);
    }

    [Fact]
    public void OptionalValuesBindOnlyWithEquals()
    {
        var bare = Parse("--xattr-inode-digest", "img", "dir");
        Assert.Equal("erofs.fingerprint.v1", bare.Options.FingerprintXattrName);
        Assert.Equal(("img", "dir"), (bare.ImagePath, bare.Source));
        Assert.Equal("trusted.fp", Parse("--xattr-inode-digest=trusted.fp", "img", "dir").Options.FingerprintXattrName);
    }

    [Fact]
    public void TimeOwnerAndTarOptions()
    {
        var r = Parse("-T5", "--mkfs-time", "--all-root", "--uid-offset=7", "--tar=i", "--aufs", "--exclude-path=/a/b", "img", "x.tar");
        Assert.False(r.Options.TimestampAllInodes);
        Assert.True(r.Options.AllRoot);
        Assert.Equal(7u, r.Options.UidOffset);
        Assert.Equal(TarMode.Index, r.Tar);
        Assert.Equal(9, r.Options.BlockSizeBits);
        Assert.True(r.Aufs);
        Assert.Equal(["a/b"], r.ExcludePaths);
        Assert.Equal(TarMode.Full, Parse("--tar", "img", "x.tar").Tar);
    }

    [Fact]
    public void SourceDateEpochActsAsImageTimeUnlessTIsGiven()
    {
        var table = MkfsOptionTable.Create();
        Assert.Equal(42, MkfsArguments.Parse(table.Parse(["img", "dir"]), n => n == "SOURCE_DATE_EPOCH" ? "42" : null).Options.Timestamp);
        Assert.Equal(7, MkfsArguments.Parse(table.Parse(["-T7", "img", "dir"]), _ => "42").Options.Timestamp);
    }

    [Theory]
    [InlineData("-b3000", "invalid block size")]
    [InlineData("-b8192", "invalid block size")]
    [InlineData("-Ebogus", "unknown extended option 'bogus'")]
    [InlineData("-Uxyz", "not a UUID")]
    [InlineData("-Lsixteen-bytes-xx", "longer than 15 bytes")]
    [InlineData("--tar=q", "unknown mode 'q'")]
    [InlineData("--force-uid=-1", "not a valid id")]
    [InlineData("-zunknownalg", "unknown compression algorithm 'unknownalg'")]
    [InlineData("-zlz4hc,level=13", "level '13' is out of range")]
    [InlineData("-zlz4hc,99", "level '99' is out of range")]
    [InlineData("-zlzma,level=10", "level '10' is out of range")]
    [InlineData("-zdeflate,level=10", "level '10' is out of range")]
    [InlineData("-zlz4,level=1", "takes no level")]
    [InlineData("-zlz4:brotli", "unknown compression algorithm 'brotli'")]
    [InlineData("-zzstd,window=3", "unknown parameter 'window=3'")]
    [InlineData("-C2M", "out of range")]
    [InlineData("--compress-hints=/nonexistent/hints", "cannot read /nonexistent/hints")]
    public void BadValuesFailWithTheirName(string option, string fragment)
    {
        var e = Assert.Throws<CommandLineException>(() => Parse(option, "img", "dir"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressionTakesMkfsSyntax()
    {
        var c = Parse("-zlz4hc,level=11:lzma,109,dictsize=64K:zstd", "-C65536", "-Elegacy-compress,ztailpacking",
            "--max-extent-bytes=1M", "img", "dir").Options.Compression!;
        Assert.Equal([new("lz4hc", 11), new("lzma", 109, 65536), new("zstd")], c.Compressors);
        Assert.Equal(65536, c.PclusterSize);
        Assert.True(c.LegacyIndexes);
        Assert.True(c.TailPacking);
        Assert.False(c.Dedupe);
        Assert.Equal(1 << 20, c.MaxExtentBytes);
    }

    [Theory]
    [InlineData("-C6000", "pcluster size 6000 must be a multiple of the block size 4096")]
    [InlineData("-C2048", "pcluster size 2048 must be a multiple")]
    [InlineData("--max-extent-bytes=100M", "max extent bytes 104857600 is out of range")]
    public void CompressionSizesAreCheckedAgainstTheBlockSize(string option, string fragment)
    {
        var e = Assert.Throws<CommandLineException>(() => Parse("-zlz4", option, "img", "dir"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressionFeaturesWithoutZStoreNothingCompressed()
    {
        Assert.Null(Parse("-Eztailpacking,legacy-compress", "-C16384", "img", "dir").Options.Compression);
    }

    [Fact]
    public void IndexModeRefusesOtherBlockSizes()
    {
        Assert.Throws<CommandLineException>(() => Parse("--tar=i", "-b4096", "img", "x.tar"));
    }

    /// <summary>containerd's EROFS differ: tar on standard input, no SOURCE argument.</summary>
    [Fact]
    public void ContainerdsDifferCommandLineReadsTheTarFromStandardInput()
    {
        var r = Parse("--tar=f", "--aufs", "--quiet", "-Enoinline_data", "-T0", "--mkfs-time", "--sort=none",
            "-U", "5eed0000-0000-4000-8000-000000000009", "layer.erofs");
        Assert.Equal(("layer.erofs", "-", TarMode.Full), (r.ImagePath, r.Source, r.Tar));
        Assert.True(r.Aufs && r.Quiet);
        Assert.False(r.Options.InlineData);
        Assert.Equal(0, r.Options.Timestamp);
        Assert.False(r.Options.TimestampAllInodes);
    }

    [Fact]
    public void WithoutTarSourceIsRequired()
    {
        Assert.Contains("needs SOURCE", Assert.Throws<CommandLineException>(() => Parse("img")).Message, StringComparison.Ordinal);
        Assert.Contains("needs IMAGE and SOURCE", Assert.Throws<CommandLineException>(() => Parse()).Message, StringComparison.Ordinal);
    }

    /// <summary>mkfs.erofs 1.9.3 takes any --sort value; only "none" changes where its tar data lands, not what the image holds.</summary>
    [Theory]
    [InlineData("--sort=none")]
    [InlineData("--sort=path")]
    [InlineData("--sort=anything")]
    [InlineData("--async-queue-limit=16")]
    [InlineData("--mount-point=/system")]
    [InlineData("--clean")]
    [InlineData("--clean=data")]
    [InlineData("--dsunit=1")]
    [InlineData("--fsalignblks=0")]
    [InlineData("--offset=0")]
    [InlineData("--root-xattr-isize=0")]
    [InlineData("-E^48bit,^dot-omitted")]
    [InlineData("-d9")]
    public void OptionsWithoutEffectHereAreAccepted(string option)
    {
        var r = Parse(option, "img", "dir");
        Assert.Equal(("img", "dir", TarMode.None), (r.ImagePath, r.Source, r.Tar));
        Assert.Null(r.Options.Compression);
        Assert.Empty(r.Warnings);
    }

    [Theory]
    [InlineData("--async-queue-limit=many", "'many' is not a number")]
    [InlineData("--clean=bogus", "invalid --clean=bogus")]
    [InlineData("-d10", "invalid debug level 10")]
    [InlineData("--zfeature-bits=256", "unsupported zfeature bit 8")]
    [InlineData("--zfeature-bits=x", "invalid zfeature bits x")]
    public void BadValuesOfSmallOptionsAreUsageErrors(string option, string fragment)
    {
        var e = Assert.Throws<CommandLineException>(() => Parse(option, "img", "dir"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZfeatureBitsSetAndClearFeaturesInOrder()
    {
        // 0b10110: ztailpacking, fragments, dedupe on; legacy-compress off; all-fragments off, which (bit 3, after
        // bit 2) turns fragments off again, as in mkfs.erofs.
        var c = Parse("-zlz4", "-Elegacy-compress", "--zfeature-bits=0x16", "img", "dir").Options.Compression!;
        Assert.Equal((false, true, false, false, true), (c.LegacyIndexes, c.TailPacking, c.Fragments, c.AllFragments, c.Dedupe));
        c = Parse("-zlz4", "--zfeature-bits=12", "img", "dir").Options.Compression!;
        Assert.Equal((false, false, true, true), (c.LegacyIndexes, c.TailPacking, c.Fragments, c.AllFragments));
        Assert.True(Parse("-zlz4", "-Elegacy-compress", "--zfeature-bits=0", "img", "dir").Options.Compression!.LegacyIndexes);
    }

    /// <summary>A hints line with a pcluster size that is no multiple of the block size is skipped with a warning, as in mkfs.erofs 1.9.3.</summary>
    [Fact]
    public void MisalignedHintsLinesAreSkippedWithAWarning()
    {
        string hints = Path.Combine(Path.GetTempPath(), $"erofs-hints-{Guid.NewGuid():N}.txt");
        File.WriteAllText(hints, "1048577 1 ^big/\n8192 1 \\.so$\n0 ^raw/\n");
        try
        {
            var r = Parse("-zlz4:lzma", $"--compress-hints={hints}", "img", "dir");
            var kept = r.Options.Compression!.Hints;
            Assert.Equal([(8192, 1, "\\.so$"), (0, 0, "^raw/")], kept.Select(h => (h.PclusterSize, h.CompressorIndex, h.Pattern)));
            string warning = Assert.Single(r.Warnings);
            Assert.Equal($"{hints}:1: invalid physical clustersize 1048577 (not a multiple of the block size 4096): line skipped, its files get the next matching line or the default pclustersize", warning);
            // With 512-byte blocks the same size is still no multiple; 2 MiB is a multiple but too large, as 1.9.3 fails too.
            Assert.Single(Parse("-b512", "-zlz4:lzma", $"--compress-hints={hints}", "img", "dir").Warnings);
            File.WriteAllText(hints, "2097152 ^big/\n");
            Assert.Contains("up to 1048576", Assert.Throws<CommandLineException>(() => Parse("-zlz4", $"--compress-hints={hints}", "img", "dir")).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(hints);
        }
    }
}
