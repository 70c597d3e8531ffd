using Erofs.Dumping;
using Erofs.Format;

namespace Erofs.Tests.Dumping;

public sealed class SuperblockReportTests
{
    [Fact]
    public void PlainImageReportsTheMkfsParameters()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var r = SuperblockReport.Create(image);
        Assert.Equal(0xE0F5E1E2u, r.Magic);
        Assert.Equal(4096, r.BlockSize);
        Assert.Equal("5eed0000-0000-4000-8000-000000000001", r.Uuid);
        Assert.Equal(1700000000ul, r.CreationTime);
        Assert.Equal("2023-11-14T22:13:20Z", r.CreationTimeText);
        // dump.erofs prints these for plain.erofs.
        Assert.Equal(525ul, r.Blocks);
        Assert.Equal(38ul, r.RootNid);
        Assert.Equal(3198ul, r.InodeCount);
        Assert.True(r.HasChecksum);
        Assert.True(r.ChecksumVerified);
        Assert.Contains("sb_csum", r.CompatFeatures);
        Assert.Contains("mtime", r.CompatFeatures);
        Assert.Empty(r.IncompatFeatures);
        Assert.Empty(r.Devices);
        Assert.Null(r.PackedNid);
        Assert.Null(r.MetaboxNid);
        Assert.Null(r.FingerprintXattrName);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void FingerprintImageNamesIshareFeaturesAndTheXattr()
    {
        using var image = DumpCorpus.Open("fingerprint.erofs");
        var r = SuperblockReport.Create(image);
        Assert.Contains("ishare_xattrs", r.CompatFeatures);
        Assert.Contains("xattr_prefixes", r.IncompatFeatures);
        Assert.Equal("erofs.fingerprint.v1", r.FingerprintXattrName);
        Assert.Contains("erofs.fingerprint.v1", r.LongXattrPrefixes);
    }

    [Fact]
    public void NamedFingerprintUsesTheGivenName()
    {
        using var image = DumpCorpus.Open("fingerprint-named.erofs");
        Assert.Equal("trusted.erofs.fp", SuperblockReport.Create(image).FingerprintXattrName);
    }

    [Fact]
    public void BlobDeviceIsListedWithItsSize()
    {
        using var image = DumpCorpus.Open("blobdev.erofs");
        var r = SuperblockReport.Create(image);
        var device = Assert.Single(r.Devices);
        Assert.Equal(1, device.Index);
        Assert.Equal((ulong)new FileInfo(DumpCorpus.PathOf("blobdev.blob")).Length / 4096, device.Blocks);
        Assert.Contains("device_table", r.IncompatFeatures);
        Assert.Contains("chunked_file", r.IncompatFeatures);
    }

    [Fact]
    public void MetaboxImageReportsTheMetaboxNid()
    {
        using var image = DumpCorpus.Open("metabox.erofs");
        var r = SuperblockReport.Create(image);
        Assert.Equal(image.Superblock.MetaboxNid, r.MetaboxNid);
        Assert.Contains("metabox", r.IncompatFeatures);
        Assert.Contains("48bit", r.IncompatFeatures);
        Assert.Equal(1, r.ExtensionSlots);
    }

    [Fact]
    public void BigPclusterImageListsBothNamesOfBit2AndItsAlgorithm()
    {
        using var image = DumpCorpus.Open("lz4hc-bigpcluster.erofs");
        var r = SuperblockReport.Create(image);
        Assert.Contains("compr_cfgs", r.IncompatFeatures);
        Assert.Contains("big_pcluster", r.IncompatFeatures);
        Assert.Contains("lz4", r.CompressionAlgorithms);
        Assert.Null(r.Lz4MaxDistance);
    }

    [Fact]
    public void FragmentsBitCarriesBothNames()
    {
        Assert.Equal(["fragments", "dedupe"], FeatureNames.Incompat(FeatureIncompat.Fragments));
    }

    [Fact]
    public void UnknownBitsAreShownInHex()
    {
        Assert.Equal(["sb_csum", "0x40", "0x80000000"], FeatureNames.Compat((FeatureCompat)0x80000041));
        Assert.Equal(["lz4_0padding", "0x200"], FeatureNames.Incompat((FeatureIncompat)0x201));
    }
}
