using System.Security.Cryptography;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building;

/// <summary>What the builder decides, read back through our own reader (the kernel judges in the conformance suite).</summary>
public sealed class ImageBuilderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly BuildOptions Fixed = new() { Timestamp = 1700000000, Uuid = new byte[16] };

    public void Dispose() => _dir.Dispose();

    private ErofsImage BuildAndOpen(SourceNode root, BuildOptions options, string name = "image.erofs")
    {
        string path = Path.Combine(_dir.Path, name);
        ImageBuilder.Build(root, path, options);
        return ErofsImage.Open(path);
    }

    [Fact]
    public void TailsGoInlineWhereTheyFitAndWholeBlocksElsewhere()
    {
        using var image = BuildAndOpen(SourceTrees.Sample(), Fixed);
        Assert.Equal(InodeLayout.FlatInline, image.ResolvePath("/hello")!.Layout);
        Assert.Equal(InodeLayout.FlatPlain, image.ResolvePath("/f4095")!.Layout); // inode + 4095 bytes exceed a block
        Assert.Equal(InodeLayout.FlatPlain, image.ResolvePath("/f4096")!.Layout);
        Assert.Equal(InodeLayout.FlatInline, image.ResolvePath("/f10000")!.Layout);
        Assert.Equal(InodeLayout.FlatPlain, image.ResolvePath("/empty")!.Layout);
        Assert.Equal(InodeLayout.FlatInline, image.ResolvePath("/sub")!.Layout);
    }

    [Fact]
    public void ContentLinksAndDevicesReadBack()
    {
        var root = SourceTrees.Sample();
        using var image = BuildAndOpen(root, Fixed);
        foreach (var entry in root.Children.Where(e => e.Node.Kind == FileKind.Regular && e.Node.Content is not null))
        {
            var info = image.ResolvePath("/" + System.Text.Encoding.UTF8.GetString(entry.Name))!;
            var bytes = new byte[info.Size];
            image.Read(info, 0, bytes);
            var expected = new byte[entry.Node.Content!.Length];
            entry.Node.Content.Open().ReadExactly(0, expected);
            Assert.Equal(expected, bytes);
        }
        Assert.Equal(image.ResolvePath("/linked")!.Nid, image.ResolvePath("/sub/also-linked")!.Nid);
        Assert.Equal(2u, image.ResolvePath("/linked")!.Nlink);
        Assert.Equal(3u, image.Root.Nlink);
        Assert.Equal(new string('t', 3000), image.ReadLink(image.ResolvePath("/long-link")!));
        var dev = image.ResolvePath("/null")!;
        Assert.Equal((1u, 3u), (dev.RdevMajor, dev.RdevMinor));
    }

    [Fact]
    public void ValuesThatDoNotFitACompactInodeGetAnExtendedOne()
    {
        var root = SourceNode.NewDirectory();
        root.MtimeSeconds = Fixed.Timestamp!.Value; // the image time: compact inodes can show it
        root.Add("big-uid", SourceTrees.File([1])).Uid = 70000;
        var late = root.Add("late", SourceTrees.File([1]));
        late.MtimeSeconds = 1800000000;
        late.MtimeNanoseconds = 5;
        using var image = BuildAndOpen(root, Fixed with { TimestampAllInodes = false });
        Assert.True(image.ResolvePath("/big-uid")!.IsExtended);
        Assert.Equal(70000u, image.ResolvePath("/big-uid")!.Uid);
        var info = image.ResolvePath("/late")!;
        Assert.True(info.IsExtended);
        Assert.Equal((1800000000L, 5u), (info.MtimeSeconds, info.MtimeNanoseconds));
        Assert.False(image.Root.IsExtended);
    }

    [Fact]
    public void XattrsCarriedByMoreThanTheThresholdAreShared()
    {
        var root = SourceNode.NewDirectory();
        for (int i = 0; i < 4; i++)
            root.Add($"f{i}", SourceTrees.File([1])).Xattrs.Add(new SourceXattr("user.common", "same"u8.ToArray()));
        using (var image = BuildAndOpen(root, Fixed, "shared.erofs"))
        {
            Assert.Equal(12 + 4, image.ResolvePath("/f0")!.XattrSize); // header + one shared id
            Assert.Equal("same"u8.ToArray(), image.GetXattr(image.ResolvePath("/f3")!, "user.common"));
        }
        using var inline = BuildAndOpen(root, Fixed with { XattrSharingThreshold = 4 }, "inline.erofs");
        Assert.Equal(12 + 16, inline.ResolvePath("/f0")!.XattrSize); // header + entry "common"+"same"
    }

    [Fact]
    public void FingerprintsAreSha256OfTheContentUnderTheHiddenDefaultName()
    {
        var root = SourceTrees.Sample();
        using var image = BuildAndOpen(root, Fixed with { FingerprintXattrName = "erofs.fingerprint.v1" });
        Assert.True((image.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) != 0);
        var info = image.ResolvePath("/f10000")!;
        byte[] value = image.GetFingerprint(info)!;
        Assert.Equal([.. "sha256:"u8, .. SHA256.HashData(SourceTrees.Random(10000, 10000))], value);
        Assert.Null(image.GetFingerprint(image.ResolvePath("/empty")!));
    }

    [Fact]
    public void IdenticalChunksAreStoredOnceAndZeroChunksAsHoles()
    {
        var root = SourceNode.NewDirectory();
        var data = SourceTrees.Random(8192, 1);
        root.Add("a", SourceTrees.File([.. data, .. new byte[4096], .. data]));
        root.Add("b", SourceTrees.File(data));
        using var image = BuildAndOpen(root, Fixed with { ChunkSize = 4096 });
        var a = image.GetExtents(image.ResolvePath("/a")!).ToList();
        var b = image.GetExtents(image.ResolvePath("/b")!).ToList();
        Assert.Equal(ExtentKind.Hole, a[2].Kind);
        Assert.Equal(a[0].PhysicalOffset, a[3].PhysicalOffset);
        Assert.Equal(a[0].PhysicalOffset, b[0].PhysicalOffset);
    }

    [Fact]
    public void OutputIsTheSameWhateverTheThreadCount()
    {
        var root = SourceTrees.Sample();
        string one = Path.Combine(_dir.Path, "one.erofs");
        string four = Path.Combine(_dir.Path, "four.erofs");
        ImageBuilder.Build(root, one, Fixed with { Threads = 1, FingerprintXattrName = "erofs.fingerprint.v1" });
        ImageBuilder.Build(root, four, Fixed with { Threads = 4, FingerprintXattrName = "erofs.fingerprint.v1" });
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(four));
    }

    [Fact]
    public void AFileThatCannotBeReadFailsTheBuildAndLeavesNoImage()
    {
        var root = SourceTrees.Sample();
        root.Add("broken", new SourceNode { Mode = 0x81A4, Content = new FailingContent() });
        string path = Path.Combine(_dir.Path, "broken.erofs");
        var e = Assert.Throws<InvalidSourceException>(() => ImageBuilder.Build(root, path, Fixed));
        Assert.Contains("/broken", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData(256, "256 bytes")]
    [InlineData(0, "empty name")]
    public void BadNamesAreRejectedWithThePath(int length, string fragment)
    {
        var root = SourceNode.NewDirectory();
        root.Add("dir", SourceNode.NewDirectory()).Children.Add(new SourceEntry(new byte[length].Select(_ => (byte)'n').ToArray(), SourceTrees.File([])));
        var e = Assert.Throws<InvalidSourceException>(() => ImageBuilder.Build(root, Path.Combine(_dir.Path, "x.erofs"), Fixed));
        Assert.Contains("/dir", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    private sealed class FailingContent : IFileContent
    {
        public long Length => 10;
        public IReadOnlyList<DataRange>? DataRanges => null;
        public IContentReader Open() => throw new IOException("simulated read failure");
    }
}
