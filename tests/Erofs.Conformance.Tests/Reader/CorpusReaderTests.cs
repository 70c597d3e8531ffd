using Erofs.Checking;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Reader;

/// <summary>
/// Every reference image made by erofs-utils 1.9.3 must read exactly as the kernel read it
/// (its manifest), and pass our fsck, fingerprints included.
/// </summary>
public sealed class CorpusReaderTests
{
    public static TheoryData<string> AllImages => CorpusImages.Names();

    [Fact]
    public void CorpusHasEveryFeatureImage()
    {
        Assert.Equal(42, CorpusImages.All.Count);
        Assert.Equal(21, CorpusImages.All.Count(i => !i.IsCompressed));
    }

    [Theory]
    [MemberData(nameof(AllImages))]
    public void ReadsExactlyAsTheKernelManifest(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var image = Open(corpus);
        var differences = TreeComparer.Compare(corpus.LoadManifest().Entries, ImageSnapshot.Capture(image));
        TreeComparer.AssertNoDifferences(differences, name);
    }

    [Theory]
    [MemberData(nameof(AllImages))]
    public void FsckFindsNoIssueAndFingerprintsMatch(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var image = Open(corpus);
        bool fingerprinted = image.FingerprintXattrName is not null;
        var checker = new ImageChecker(image, new CheckOptions { ReadAllData = true, VerifyFingerprints = fingerprinted });
        Assert.Empty(checker.Check());
    }

    [Theory]
    [InlineData("fingerprint", "erofs.fingerprint.v1")]
    [InlineData("fingerprint-named", "trusted.erofs.fp")]
    [InlineData("tar-full-lz4-fingerprint", "erofs.fingerprint.v1")]
    public void FingerprintNameComesFromTheSuperblock(string name, string expected)
    {
        using var image = Open(CorpusImages.Get(name));
        Assert.Equal(expected, image.FingerprintXattrName);
    }

    [Fact]
    public void EveryNonEmptyRegularFileCarriesItsContentDigest()
    {
        var corpus = CorpusImages.Get("fingerprint");
        using var image = Open(corpus);
        int checkedFiles = 0;
        foreach (var entry in corpus.LoadManifest().Entries.Where(e => e.Size > 0))
        {
            var inode = image.ResolvePath(entry.Path)!;
            byte[] expected = [.. "sha256:"u8, .. Convert.FromHexString(entry.Sha256!)];
            Assert.Equal(expected, image.GetFingerprint(inode));
            checkedFiles++;
        }
        Assert.True(checkedFiles > 100, $"only {checkedFiles} fingerprinted files");
    }

    [Fact]
    public void NamedFingerprintIsListedAsTheKernelListsIt()
    {
        // trusted.* has a namespace, so listxattr shows it (the manifest has it too); the default name is hidden.
        using var named = Open(CorpusImages.Get("fingerprint-named"));
        var file = named.ResolvePath("/big/mixed")!;
        Assert.Contains(named.ListXattrs(file), x => x.Name == "trusted.erofs.fp" && !x.IsHidden);
        using var hidden = Open(CorpusImages.Get("fingerprint"));
        Assert.Contains(hidden.ListXattrs(hidden.ResolvePath("/big/mixed")!), x => x.Name == "erofs.fingerprint.v1" && x.IsHidden);
    }

    [Fact]
    public void MissingExtraDeviceIsAClearIOException()
    {
        using var image = ErofsImage.Open(CorpusImages.Get("blobdev").ImagePath);
        var file = image.ResolvePath("/big/mixed")!;
        var e = Assert.Throws<IOException>(() => ImageSnapshot.Sha256Hex(image, file));
        Assert.Contains("--device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LookupFindsEveryNameOfALargeDirectory()
    {
        using var image = Open(CorpusImages.Get("plain"));
        var dir = image.ResolvePath("/manydir")!;
        var names = image.ReadDirectory(dir).Select(d => d.NameBytes).ToList();
        Assert.True(names.Count > 3000);
        foreach (var name in names)
            Assert.Equal(name, image.Lookup(dir, name)!.Value.NameBytes);
        Assert.Null(image.Lookup(dir, "no-such-name"u8));
        Assert.Null(image.Lookup(dir, "0"u8));
        Assert.Null(image.Lookup(dir, "~~~"u8));
    }

    internal static ErofsImage Open(CorpusImage corpus) =>
        ErofsImage.Open(corpus.ImagePath, new ReadOptions { DevicePaths = corpus.ExtraDevices });
}
