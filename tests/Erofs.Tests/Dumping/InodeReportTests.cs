using Erofs.Dumping;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

public sealed class InodeReportTests
{
    private static void AssertCovers(IReadOnlyList<Extent> extents, ulong size)
    {
        long next = 0;
        foreach (var e in extents)
        {
            Assert.Equal(next, e.LogicalOffset);
            Assert.True(e.Length > 0);
            next = e.LogicalEnd;
        }
        Assert.Equal((long)size, next);
    }

    [Fact]
    public void MixedFileShowsItsLayoutAndExtents()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var r = InodeReport.ForPath(image, "/big/mixed")!;
        Assert.Equal("/big/mixed", r.Path);
        Assert.Equal(FileKind.Regular, r.Kind);
        Assert.Equal(160000ul, r.Size);
        Assert.Equal("0644", r.PermissionsOctal);
        Assert.Equal("100644", r.ModeOctal);
        Assert.Equal("-rw-r--r--", r.ModeString);
        Assert.Equal(1u, r.Nlink);
        Assert.Equal("2023-11-14T22:13:20.000000000Z", r.MtimeText);
        Assert.Equal(InodeLayout.FlatInline, r.Layout);
        Assert.Equal("flat_inline", r.LayoutName);
        Assert.Equal("compact", r.Form);
        Assert.Equal(32, r.InodeSize);
        Assert.Equal(image.InodeLocation(r.Nid), r.Location);
        Assert.NotNull(r.Extents);
        AssertCovers(r.Extents, r.Size);
        // dump.erofs -e: 159744 bytes at 12288, then a 256-byte tail inline at 12000.
        Assert.Equal([ExtentKind.Plain, ExtentKind.Inline], r.Extents.Select(e => e.Kind));
        Assert.Equal(12288, r.Extents[0].PhysicalOffset);
        Assert.Equal(12000, r.Extents[1].PhysicalOffset);
        Assert.Empty(r.Problems);
    }

    [Theory]
    [InlineData("chunked.erofs", 8192L)]
    [InlineData("chunked-indexes.erofs", 4096L)]
    [InlineData("blobdev.erofs", 4096L)]
    public void ChunkedFilesCoverTheirSize(string file, long chunkSize)
    {
        using var image = DumpCorpus.Open(file);
        var r = InodeReport.ForPath(image, "/big/mixed")!;
        Assert.Equal(InodeLayout.ChunkBased, r.Layout);
        Assert.Equal(chunkSize, r.ChunkSize);
        AssertCovers(r.Extents!, 160000);
        if (file == "blobdev.erofs")
            Assert.All(r.Extents!, e => Assert.Equal(1, e.Device));
    }

    [Fact]
    public void CompressedFileListsItsPclusters()
    {
        using var image = DumpCorpus.Open("lz4.erofs");
        var r = InodeReport.ForPath(image, "/big/mixed")!;
        Assert.True(r.Layout is InodeLayout.CompressedFull or InodeLayout.CompressedCompact);
        Assert.NotNull(r.Extents);
        AssertCovers(r.Extents, r.Size);
        Assert.Contains(r.Extents, e => e.Kind == ExtentKind.Compressed && e.Encoding == ExtentEncoding.Lz4);
        Assert.Null(r.ExtentsNote);
        Assert.NotNull(r.Compression);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void CompressedDirectoriesAndTheirEntriesAreRead()
    {
        using var image = DumpCorpus.Open("compressed-dirs.erofs");
        var root = InodeReport.ForPath(image, "/")!;
        Assert.True(image.Root.IsCompressed);
        Assert.True(root.EntryCount > 0);
        Assert.NotNull(root.Compression);
        Assert.Empty(root.Problems);
    }

    [Fact]
    public void SpecialFilesShowTheirTypeSpecificFields()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var chardev = InodeReport.ForPath(image, "/chardev")!;
        Assert.Equal((1u, 3u), (chardev.DeviceMajor!.Value, chardev.DeviceMinor!.Value));
        var blockdev = InodeReport.ForPath(image, "/blockdev")!;
        Assert.Equal((7u, 0u), (blockdev.DeviceMajor!.Value, blockdev.DeviceMinor!.Value));
        Assert.Equal('b', blockdev.ModeString[0]);
        Assert.Equal("/absolute/target", InodeReport.ForPath(image, "/abs_link")!.SymlinkTarget);
        Assert.Equal("drwxrwxrwt", InodeReport.ForPath(image, "/meta/sticky_dir")!.ModeString);

        var manifest = DumpCorpus.Manifest("plain.manifest.jsonl");
        long children = manifest.Count(e => e.Path.StartsWith("/big/", StringComparison.Ordinal) && e.Path.LastIndexOf('/') == 4);
        var big = InodeReport.ForPath(image, "/big")!;
        Assert.Equal(children, big.EntryCount);
        Assert.Null(big.DeviceMajor);
        Assert.Null(big.SymlinkTarget);
    }

    [Fact]
    public void HardLinkShowsItsLinkCount()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var a = InodeReport.ForPath(image, "/hard/a")!;
        Assert.Equal(3u, a.Nlink);
        Assert.Equal(a.Nid, InodeReport.ForPath(image, "/hard/c")!.Nid);
    }

    [Fact]
    public void XattrValuesAreTextOrBase64()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var r = InodeReport.ForPath(image, "/xattr")!;
        var dir = Assert.Single(r.Xattrs, x => x.Name == "user.dir");
        Assert.Equal("on a directory", dir.Text);
        Assert.False(dir.IsHidden);
        Assert.True(r.XattrSize > 0);
    }

    [Fact]
    public void FingerprintMatchesTheManifestDigest()
    {
        string sha = DumpCorpus.Manifest("fingerprint.manifest.jsonl").Single(e => e.Path == "/big/mixed").Sha256!;
        using var image = DumpCorpus.Open("fingerprint.erofs");
        var r = InodeReport.ForPath(image, "/big/mixed")!;
        Assert.Equal($"sha256:{sha}", r.Fingerprint);
        var x = Assert.Single(r.Xattrs, x => x.Name == "erofs.fingerprint.v1");
        Assert.True(x.IsHidden);
        Assert.Null(x.Text);
        Assert.Equal(39, x.Value.Length);
    }

    [Fact]
    public void NidReportFindsThePath()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        ulong nid = image.ResolvePath("/big/mixed")!.Nid;
        var r = InodeReport.ForNid(image, nid);
        Assert.Equal("/big/mixed", r.Path);
        Assert.Equal("/", InodeReport.ForNid(image, image.Root.Nid).Path);
        Assert.Null(InodeReport.ForNid(image, nid, new InodeReportOptions { FindPath = false }).Path);
    }

    [Fact]
    public void MetaboxInodesSayWhereTheyLive()
    {
        using var image = DumpCorpus.Open("metabox.erofs");
        var r = InodeReport.ForPath(image, "/big/mixed")!;
        Assert.True(r.InMetabox);
        AssertCovers(r.Extents!, 160000);
        Assert.Equal("/big/mixed", InodeReport.ForNid(image, r.Nid).Path);
    }

    [Fact]
    public void MissingPathGivesNullAndOptionsLimitExtents()
    {
        using var image = DumpCorpus.Open("chunked-indexes.erofs");
        Assert.Null(InodeReport.ForPath(image, "/no/such/file"));
        var r = InodeReport.ForPath(image, "/big/mixed", new InodeReportOptions { MaxExtents = 3 })!;
        Assert.Equal(3, r.Extents!.Count);
        Assert.True(r.ExtentsTruncated);
        Assert.NotNull(r.ExtentsNote);
        Assert.Null(InodeReport.ForPath(image, "/big/mixed", new InodeReportOptions { IncludeExtents = false })!.Extents);
    }
}
