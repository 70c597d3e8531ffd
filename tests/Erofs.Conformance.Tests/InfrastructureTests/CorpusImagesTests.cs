using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class CorpusImagesTests
{
    [Fact]
    public void IndexListsAll42ImagesAndTheirFilesExist()
    {
        Assert.Equal(42, CorpusImages.All.Count);
        Assert.All(CorpusImages.All, image =>
        {
            Assert.True(File.Exists(image.ImagePath));
            Assert.True(File.Exists(image.ManifestPath));
            Assert.Equal("ok", image.FsckResult);
        });
    }

    [Fact]
    public void OptionsAreParsed()
    {
        var plain = CorpusImages.Get("plain");
        Assert.Equal(["-T1700000000", "-U5eed0000-0000-4000-8000-000000000001"], plain.Options);
        Assert.Equal("tree", plain.Source);

        var lzma = CorpusImages.Get("lzma-ztail-frag.erofs");
        Assert.Contains("-zlzma,level=9", lzma.Options);
        Assert.Contains("-Eztailpacking,fragments", lzma.Options);
    }

    [Fact]
    public void CompressionIsRecognised()
    {
        string[] uncompressed = ["plain", "compact", "b512", "chunked", "blobdev", "tar-full", "tar-index", "metabox", "48bit", "mkfs-time"];
        string[] compressed = ["lz4", "lz4hc", "lzma", "deflate", "zstd", "compressed-dirs", "metabox-lz4", "48bit-zstd", "tar-full-lz4-fingerprint", "large-lz4hc", "large-deflate"];

        Assert.All(uncompressed, name => Assert.False(CorpusImages.Get(name).IsCompressed, name));
        Assert.All(compressed, name => Assert.True(CorpusImages.Get(name).IsCompressed, name));
        Assert.All(CorpusImages.All.Where(i => i.Name.StartsWith("large-", StringComparison.Ordinal)), i => Assert.True(i.IsCompressed));
    }

    [Fact]
    public void OnlyBlobdevAndTarIndexHaveABlob()
    {
        var withBlob = CorpusImages.All.Where(i => i.HasBlob).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["blobdev", "tar-index"], withBlob);
        Assert.All(CorpusImages.All.Where(i => i.HasBlob), i => Assert.True(File.Exists(i.BlobPath)));
        Assert.Empty(CorpusImages.Get("plain").ExtraDevices);
        Assert.Single(CorpusImages.Get("blobdev").ExtraDevices);
    }

    [Fact]
    public void NamesFeedTheories()
    {
        var data = CorpusImages.Names(i => i.HasBlob);
        Assert.Equal(2, data.Count);
    }
}
