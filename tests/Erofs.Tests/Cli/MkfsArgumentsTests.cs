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
}
