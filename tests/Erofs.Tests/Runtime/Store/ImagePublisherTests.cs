using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime.Overlay;
using Erofs.Runtime.Store;
using Erofs.Tests.Building;

namespace Erofs.Tests.Runtime.Store;

/// <summary>Publishing a whole image ahead of an overlay mount: every non-empty file becomes an object, once per image version.</summary>
public sealed class ImagePublisherTests : IDisposable
{
    private readonly StoreScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryNonEmptyFileBecomesTheObjectOfItsContentAndASecondRunHashesNothing(bool fingerprints)
    {
        byte[] a = SourceTrees.Random(70_000, 1), b = SourceTrees.Random(5_000, 2);
        var root = SourceNode.NewDirectory();
        root.Add("a", SourceTrees.File(a));
        root.Add("copy-of-a", SourceTrees.File(a));
        var sub = SourceNode.NewDirectory();
        sub.Add("b", SourceTrees.File(b));
        sub.Add("empty", SourceTrees.File([]));
        root.Add("sub", sub);
        string path = _scratch.File("image.erofs");
        ImageBuilder.Build(root, path, new BuildOptions { FingerprintXattrName = fingerprints ? "erofs.fingerprint.v1" : null });
        using var image = ErofsImage.Open(path);
        var identity = ImageIdentity.Of(path);

        var first = ImagePublisher.Publish(image, identity, _scratch.Store, trustFingerprints: false);
        _scratch.Store.Flush();
        var second = ImagePublisher.Publish(image, identity, _scratch.Store, trustFingerprints: false);

        var expected = new Dictionary<string, Fingerprint>
        {
            ["/a"] = StoreScratch.FingerprintOf(a),
            ["/copy-of-a"] = StoreScratch.FingerprintOf(a),
            ["/sub/b"] = StoreScratch.FingerprintOf(b),
        };
        Assert.Equal(expected.Values.Select(f => f.Hex).Order(), first.Objects.Values.Select(f => f.Hex).Order());
        foreach (var (file, fingerprint) in expected)
        {
            Assert.Equal(fingerprint, first.Objects[image.ResolvePath(file)!.Nid]);
            Assert.Equal(File.ReadAllBytes(_scratch.Store.ObjectPath(fingerprint)), file == "/sub/b" ? b : a);
        }
        Assert.Equal((3L, 2L, 0L), (first.Hashed, first.Published, first.Mismatches));
        Assert.Equal((0L, 0L), (second.Hashed, second.Published));
        Assert.Equal(first.Objects.OrderBy(o => o.Key), second.Objects.OrderBy(o => o.Key));
    }
}
