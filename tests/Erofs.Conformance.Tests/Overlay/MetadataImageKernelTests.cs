using System.Security.Cryptography;
using System.Text;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;
using Erofs.Runtime.Overlay;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// Metadata images under the real kernel: each reference image served as objects + metadata image +
/// overlayfs shows exactly what the kernel showed of the image itself (its manifest), and an image's
/// own <c>trusted.overlay.*</c> xattrs come through as plain xattrs that steer nothing.
/// </summary>
public sealed class MetadataImageKernelTests : IDisposable
{
    private static readonly BuildOptions Fixed = new() { Timestamp = 1700000000, Uuid = new byte[16] };
    private readonly TempDir _scratch = TempDir.Create("metaimg");

    public static TheoryData<string> AllImages => CorpusImages.Names();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [MemberData(nameof(AllImages))]
    public void TheOverlayShowsWhatTheKernelShowedOfTheImage(string name)
    {
        KernelMount.RequireSupport();
        var corpus = CorpusImages.Get(name);
        var manifest = corpus.LoadManifest();
        using var image = ErofsImage.Open(corpus.ImagePath, new ReadOptions { DevicePaths = corpus.ExtraDevices });
        if (MetadataImage.FindUnrepresentable(image) is { } reason)
        {
            // Only a whiteout-like device is refused in a sound image; the reason names it.
            Assert.Contains(manifest.Entries, e => e.Type == FileType.CharDevice && e.Rdev == new DeviceNumber(0, 0)
                && reason.StartsWith(e.Path + " (nid ", StringComparison.Ordinal));
            return;
        }

        using var served = MetadataOverlay.Serve(image);

        var differences = TreeComparer.CompareToManifest(manifest, served.MountPoint);
        TreeComparer.AssertNoDifferences(differences, $"{name} through its metadata image and overlayfs");
    }

    [Fact]
    public void AnImagesOwnOverlayXattrsAreShownAndSteerNothing()
    {
        KernelMount.RequireSupport();
        var (root, contents) = TreeWithOverlayXattrs();
        string source = _scratch.Combine("source.erofs");
        ImageBuilder.Build(root, source, Fixed);
        using var image = ErofsImage.Open(source);
        Assert.Null(MetadataImage.FindUnrepresentable(image));

        using var kernel = KernelMount.Mount(source, [], KernelMountMode.FileBacked);
        using var served = MetadataOverlay.Serve(image);

        // Everything the kernel shows of the image itself, hard links by inode groups included.
        var differences = TreeComparer.Compare(TreeSnapshot.Capture(kernel.MountPoint), TreeSnapshot.Capture(served.MountPoint));
        TreeComparer.AssertNoDifferences(differences, "the image vs its metadata image through overlayfs");
        foreach (var (path, bytes) in contents)
        {
            Assert.Equal(bytes, File.ReadAllBytes(served.Resolve(path)));
            Assert.Equal(new byte[bytes.Length], File.ReadAllBytes(served.ResolveMetadata(path))); // from its object, not the image
        }
        Assert.Equal(Redirect(contents["/other"]), LibC.GetXattr(served.ResolveMetadata("/claims-other"), "trusted.overlay.overlay.redirect"));
        Assert.Equal(Redirect(contents["/other"]), LibC.GetXattr(served.Resolve("/claims-other"), "trusted.overlay.redirect"));
        Assert.Equal(["inside", "whiteout-file"], Directory.GetFileSystemEntries(served.Resolve("/opaque-x")).Select(Path.GetFileName).Order());
        Assert.Equal(["kept"], Directory.GetFileSystemEntries(served.Resolve("/redirected-dir")).Select(Path.GetFileName));
    }

    [Fact]
    public void ACharacterDevice00IsRefusedBecauseOverlayfsHidesIt()
    {
        KernelMount.RequireSupport();
        var root = SourceNode.NewDirectory();
        Add(root, "file", new SourceNode { Mode = 0x81A4, Content = new BytesContent("file\n"u8.ToArray()) });
        Add(root, "gone", new SourceNode { Mode = 0x21A4 });
        string source = _scratch.Combine("whiteout.erofs");
        ImageBuilder.Build(root, source, Fixed);
        using var image = ErofsImage.Open(source);

        string? reason = MetadataImage.FindUnrepresentable(image);

        Assert.StartsWith($"/gone (nid {image.ResolvePath("/gone")!.Nid}): character device 0/0", reason);
        // Why: EROFS shows the device, but overlayfs takes it for a whiteout and the name is gone.
        using var kernel = KernelMount.Mount(source, [], KernelMountMode.FileBacked);
        using var overlay = OverlayMount.Mount(kernel.MountPoint, _scratch.CreateSubdirectory("no-objects"));
        Assert.Equal(["file", "gone"], Directory.GetFileSystemEntries(kernel.MountPoint).Select(Path.GetFileName).Order());
        Assert.Equal(["file"], Directory.GetFileSystemEntries(overlay.MountPoint).Select(Path.GetFileName));
        Assert.False(Path.Exists(overlay.Resolve("/gone")));
    }

    /// <summary>
    /// Files and directories carrying overlayfs markers of their own: a metacopy file redirected to another
    /// file's object, an opaque directory, an xwhiteout (a zero-size file marked as whiteout in a directory
    /// with opaque "x"), a directory redirected to another, and an already escaped name. Returns the contents by path.
    /// </summary>
    private static (SourceNode Root, Dictionary<string, byte[]> Contents) TreeWithOverlayXattrs()
    {
        var contents = new Dictionary<string, byte[]>
        {
            ["/other"] = RandomBytes(5000, 1),
            ["/claims-other"] = RandomBytes(7000, 2),
            ["/opaque-x/inside"] = "inside\n"u8.ToArray(),
            ["/redirected-dir/kept"] = "kept\n"u8.ToArray(),
            ["/escaped"] = "escaped\n"u8.ToArray(),
        };
        var root = SourceNode.NewDirectory();
        var files = contents.ToDictionary(c => c.Key, c => new SourceNode { Mode = 0x81A4, Content = new BytesContent(c.Value) });
        Add(root, "other", files["/other"]);
        var claims = Add(root, "claims-other", files["/claims-other"]);
        claims.Xattrs.Add(new SourceXattr("trusted.overlay.metacopy", []));
        claims.Xattrs.Add(new SourceXattr("trusted.overlay.redirect", Redirect(contents["/other"])));
        Add(root, "hard-link", claims);
        var opaqueX = Add(root, "opaque-x", SourceNode.NewDirectory());
        opaqueX.Xattrs.Add(new SourceXattr("trusted.overlay.opaque", "x"u8.ToArray()));
        Add(opaqueX, "inside", files["/opaque-x/inside"]);
        var whiteout = Add(opaqueX, "whiteout-file", new SourceNode { Mode = 0x81A4 });
        whiteout.Xattrs.Add(new SourceXattr("trusted.overlay.whiteout", []));
        var redirectedDir = Add(root, "redirected-dir", SourceNode.NewDirectory());
        redirectedDir.Xattrs.Add(new SourceXattr("trusted.overlay.redirect", "/opaque-x"u8.ToArray()));
        redirectedDir.Xattrs.Add(new SourceXattr("trusted.overlay.opaque", "y"u8.ToArray()));
        Add(redirectedDir, "kept", files["/redirected-dir/kept"]);
        var escaped = Add(root, "escaped", files["/escaped"]);
        escaped.Xattrs.Add(new SourceXattr("trusted.overlay.overlay.x", "one level already"u8.ToArray()));
        escaped.Xattrs.Add(new SourceXattr("user.plain", "plain"u8.ToArray()));
        Add(root, "null", new SourceNode { Mode = 0x21B6, RdevMajor = 1, RdevMinor = 3 })
            .Xattrs.Add(new SourceXattr("trusted.overlay.metacopy", []));
        return (root, contents);
    }

    // Where the object of this content is, as a redirect names it.
    private static byte[] Redirect(byte[] content)
    {
        string hex = Convert.ToHexStringLower(SHA256.HashData(content));
        return Encoding.ASCII.GetBytes($"/{hex[..2]}/{hex[2..]}");
    }

    private static SourceNode Add(SourceNode dir, string name, SourceNode node)
    {
        dir.Children.Add(new SourceEntry(Encoding.UTF8.GetBytes(name), node));
        return node;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
