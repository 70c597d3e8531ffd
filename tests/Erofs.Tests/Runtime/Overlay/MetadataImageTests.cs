using System.Text;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Checking;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Runtime.Overlay;
using Erofs.Runtime.Store;
using Erofs.Tests.Building;
using Erofs.Tests.Interop;
using static Erofs.Tests.Runtime.Overlay.SourceImages;

namespace Erofs.Tests.Runtime.Overlay;

/// <summary>
/// Metadata images from our reader's view: the tree they carry, the escaping of the image's own
/// overlay xattrs, refusals and reproducible bytes (the kernel and overlayfs judge in the conformance suite).
/// </summary>
public sealed class MetadataImageTests : IDisposable
{
    private static readonly byte[] Content = "the content"u8.ToArray();
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheImagesOwnOverlayXattrsAreEscaped()
    {
        var root = SourceNode.NewDirectory();
        var file = root.Add("file", SourceTrees.File(Content));
        file.Xattrs.Add(new SourceXattr("trusted.overlay.redirect", "/elsewhere"u8.ToArray()));
        file.Xattrs.Add(new SourceXattr("trusted.overlay.metacopy", []));
        file.Xattrs.Add(new SourceXattr("trusted.overlay.overlay.x", "already escaped"u8.ToArray()));
        var dir = root.Add("dir", SourceNode.NewDirectory());
        dir.Xattrs.Add(new SourceXattr("trusted.overlay.opaque", "y"u8.ToArray()));
        dir.Add("whiteout", SourceTrees.File([])).Xattrs.Add(new SourceXattr("trusted.overlay.whiteout", []));
        using var image = Build(root, _dir["source.erofs"]);

        var tree = MetadataImage.BuildTree(image, ObjectsOf(image));

        string[] expected =
        [
            .. Markers(Content),
            "trusted.overlay.overlay.metacopy=",
            "trusted.overlay.overlay.overlay.x=already escaped",
            "trusted.overlay.overlay.redirect=/elsewhere",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Xattrs(Child(tree, "file")));
        Assert.Equal(["trusted.overlay.overlay.opaque=y"], Xattrs(Child(tree, "dir")));
        Assert.Equal(["trusted.overlay.overlay.whiteout="], Xattrs(Child(Child(tree, "dir"), "whiteout")));
    }

    [Fact]
    public void TheStoreReadsBackOnlyTheObjectsItGave()
    {
        // The store's gc keeps what a metadata image points at: an image's own redirect must not count.
        var planted = Fingerprint.FromDigest(System.Security.Cryptography.SHA256.HashData("planted"u8));
        var root = SourceNode.NewDirectory();
        var file = root.Add("file", SourceTrees.File(Content));
        file.Xattrs.Add(new SourceXattr("trusted.overlay.redirect", ObjectRedirect.Of(planted)));
        root.Add("other", SourceTrees.File("other"u8.ToArray()));
        using var image = Build(root, _dir["source.erofs"]);
        var objects = ObjectsOf(image);

        using var meta = WriteAndOpen(image, "meta.erofs");

        Assert.Equal(objects.Values.ToHashSet(), ObjectRedirect.ReadAll(meta));
        Assert.DoesNotContain(planted, ObjectRedirect.ReadAll(meta));
    }

    [Fact]
    public void HiddenXattrsAreDroppedAndEveryOtherKept()
    {
        var root = SourceNode.NewDirectory();
        var file = root.Add("file", SourceTrees.File(Content));
        file.Xattrs.Add(new SourceXattr("user.mime", "text/plain"u8.ToArray()));
        file.Xattrs.Add(new SourceXattr("security.selinux", "system_u:object_r:etc_t:s0"u8.ToArray()));
        file.Xattrs.Add(new SourceXattr("trusted.bin", [0, 1, 255]));
        root.Xattrs.Add(new SourceXattr("user.root", "r"u8.ToArray()));
        using var image = Build(root, _dir["source.erofs"], Fixed with { FingerprintXattrName = "erofs.fingerprint.v1" });
        Assert.Contains(image.ListXattrs(image.ResolvePath("/file")!), x => x is { Name: "erofs.fingerprint.v1", IsHidden: true });

        var tree = MetadataImage.BuildTree(image, ObjectsOf(image));

        string[] expected = [.. Markers(Content), "security.selinux=system_u:object_r:etc_t:s0", "trusted.bin=\0\x01\xff", "user.mime=text/plain"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Xattrs(Child(tree, "file")));
        Assert.Equal(["user.root=r"], Xattrs(tree));
    }

    [Fact]
    public void HardLinksShareOneNode()
    {
        var root = SourceNode.NewDirectory();
        var linked = root.Add("linked", SourceTrees.File(Content));
        root.Add("sub", SourceNode.NewDirectory()).Add("also-linked", linked);
        var empty = root.Add("empty", SourceTrees.File([]));
        root.Add("also-empty", empty);
        using var image = Build(root, _dir["source.erofs"]);

        var tree = MetadataImage.BuildTree(image, ObjectsOf(image));

        Assert.Same(Child(tree, "linked"), Child(Child(tree, "sub"), "also-linked"));
        Assert.Same(Child(tree, "empty"), Child(tree, "also-empty"));
        using var meta = WriteAndOpen(image, "meta.erofs");
        var inode = meta.ResolvePath("/linked")!;
        Assert.Equal((2u, inode.Nid), (inode.Nlink, meta.ResolvePath("/sub/also-linked")!.Nid));
    }

    [Fact]
    public void ACharacterDevice00IsRefusedNamingItsPath()
    {
        var root = SourceNode.NewDirectory();
        root.Add("file", SourceTrees.File(Content));
        root.Add("dev", SourceNode.NewDirectory()).Add("gone", new SourceNode { Mode = 0x21A4 });
        using var image = Build(root, _dir["source.erofs"]);
        ulong nid = image.ResolvePath("/dev/gone")!.Nid;

        string? reason = MetadataImage.FindUnrepresentable(image);

        Assert.NotNull(reason);
        Assert.StartsWith($"/dev/gone (nid {nid}): character device 0/0", reason);
        Assert.Equal(reason, Assert.Throws<NotSupportedException>(() => MetadataImage.BuildTree(image, ObjectsOf(image))).Message);
        using var output = File.OpenHandle(_dir["meta.erofs"], FileMode.CreateNew, FileAccess.ReadWrite);
        Assert.Throws<NotSupportedException>(() => MetadataImage.Write(image, ObjectsOf(image), output));
        Assert.Equal(0, RandomAccess.GetLength(output));
    }

    [Fact]
    public void ARefusalIsOneLineWhateverTheName()
    {
        var root = SourceNode.NewDirectory();
        root.Add("two\nlines", new SourceNode { Mode = 0x21A4 });
        using var image = Build(root, _dir["source.erofs"]);

        string reason = MetadataImage.FindUnrepresentable(image)!;

        Assert.StartsWith("/two\\x0alines (nid ", reason);
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void AnOverlayXattrTooLongToEscapeIsRefused()
    {
        // 255 bytes after "trusted." fit the image; escaped, the name would need 263.
        string name = "trusted.overlay." + new string('x', 255 - "overlay.".Length);
        var root = SourceNode.NewDirectory();
        root.Add("file", SourceTrees.File(Content)).Xattrs.Add(new SourceXattr(name, [1]));
        using var image = Build(root, _dir["source.erofs"]);

        string? reason = MetadataImage.FindUnrepresentable(image);

        Assert.NotNull(reason);
        Assert.StartsWith("/file (nid ", reason);
        Assert.Contains("too long to escape", reason, StringComparison.Ordinal);
        Assert.Equal(reason, Assert.Throws<NotSupportedException>(() => MetadataImage.BuildTree(image, ObjectsOf(image))).Message);
    }

    [Fact]
    public void DevicesFifosSocketsAndSymlinksAreKept()
    {
        var root = SourceNode.NewDirectory();
        root.Add("null", new SourceNode { Mode = 0x21B6, RdevMajor = 1, RdevMinor = 3 });
        root.Add("loop", new SourceNode { Mode = 0x6180, RdevMajor = 7, RdevMinor = 300 });
        root.Add("fifo", new SourceNode { Mode = 0x11A4 });
        root.Add("socket", new SourceNode { Mode = 0xC1ED });
        root.Add("link", SourceTrees.Symlink(new string('t', 3000)));
        using var image = Build(root, _dir["source.erofs"]);

        Assert.Null(MetadataImage.FindUnrepresentable(image));
        using var meta = WriteAndOpen(image, "meta.erofs");

        foreach (string path in new[] { "/null", "/loop", "/fifo", "/socket", "/link" })
        {
            var (expected, actual) = (image.ResolvePath(path)!, meta.ResolvePath(path)!);
            Assert.Equal((expected.Mode, expected.RdevMajor, expected.RdevMinor, expected.Size), (actual.Mode, actual.RdevMajor, actual.RdevMinor, actual.Size));
            Assert.Empty(Xattrs(meta, path));
        }
        Assert.Equal((1u, 3u), (meta.ResolvePath("/null")!.RdevMajor, meta.ResolvePath("/null")!.RdevMinor));
        Assert.Equal(image.ReadLinkBytes(image.ResolvePath("/link")!), meta.ReadLinkBytes(meta.ResolvePath("/link")!));
    }

    [Fact]
    public void AnEmptyFileStaysEmptyWithoutMarkers()
    {
        var root = SourceNode.NewDirectory();
        root.Add("empty", SourceTrees.File([])).Xattrs.Add(new SourceXattr("user.kept", "k"u8.ToArray()));
        using var image = Build(root, _dir["source.erofs"]);

        var tree = MetadataImage.BuildTree(image, new Dictionary<ulong, Fingerprint>());

        var empty = Child(tree, "empty");
        Assert.Null(empty.Content);
        Assert.Equal(["user.kept=k"], Xattrs(empty));
    }

    [Fact]
    public void AFileWithoutAnObjectIsNamed()
    {
        var root = SourceNode.NewDirectory();
        root.Add("sub", SourceNode.NewDirectory()).Add("file", SourceTrees.File(Content));
        using var image = Build(root, _dir["source.erofs"]);
        ulong nid = image.ResolvePath("/sub/file")!.Nid;

        var error = Assert.Throws<ArgumentException>(() => MetadataImage.BuildTree(image, new Dictionary<ulong, Fingerprint>()));

        Assert.StartsWith($"/sub/file (nid {nid}): no object", error.Message);
    }

    [Fact]
    public void TheImageHoldsTheTreeWithoutDataAndTheSameInputGivesTheSameBytes()
    {
        var root = SourceTrees.Sample();
        var tagged = Child(root, "tagged");
        (tagged.Uid, tagged.Gid, tagged.MtimeSeconds, tagged.MtimeNanoseconds) = (1000, 70000, 1234567890, 123456789);
        using var image = Build(root, _dir["source.erofs"], Fixed with { InlineData = false });

        byte[] first = WriteBytes(image, "first.erofs");
        byte[] second = WriteBytes(image, "second.erofs");

        Assert.Equal(first, second);
        using var meta = ErofsImage.Open(_dir["first.erofs"]);
        Assert.Empty(new ImageChecker(meta, new CheckOptions { ReadAllData = true }).Check());
        var file = meta.ResolvePath("/tagged")!;
        Assert.Equal((InodeLayout.ChunkBased, 100UL), (file.Layout, file.Size));
        Assert.All(meta.GetExtents(file), e => Assert.Equal(ExtentKind.Hole, e.Kind));
        Assert.Equal((1000u, 70000u, 1234567890L, 123456789u), (file.Uid, file.Gid, file.MtimeSeconds, file.MtimeNanoseconds));
        string[] expected = [.. Markers(SourceTrees.Random(100, 9)), "trusted.bin=\0\x01\x02\0\xff", "user.one=1"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Xattrs(meta, "/tagged"));
        // Sizes and metadata only: far smaller than the source, whose files take blocks of their own.
        Assert.True(first.Length < new FileInfo(_dir["source.erofs"]).Length / 4, $"{first.Length} bytes");
    }

    [Fact]
    public void TheOutputMustBeEmpty()
    {
        using var image = Build(SourceTrees.Sample(), _dir["source.erofs"]);
        File.WriteAllBytes(_dir["meta.erofs"], [1]);
        using var output = File.OpenHandle(_dir["meta.erofs"], FileMode.Open, FileAccess.ReadWrite);

        Assert.Throws<ArgumentException>(() => MetadataImage.Write(image, ObjectsOf(image), output));
    }

    private ErofsImage WriteAndOpen(ErofsImage image, string name)
    {
        WriteBytes(image, name);
        return ErofsImage.Open(_dir[name]);
    }

    private byte[] WriteBytes(ErofsImage image, string name)
    {
        using (var output = File.OpenHandle(_dir[name], FileMode.CreateNew, FileAccess.ReadWrite))
            MetadataImage.Write(image, ObjectsOf(image), output);
        return File.ReadAllBytes(_dir[name]);
    }
}
