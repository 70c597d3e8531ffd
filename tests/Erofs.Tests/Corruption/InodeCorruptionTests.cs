using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>One damaged inode field at a time, in compact ("plain") and extended ("extended") images.</summary>
public sealed class InodeCorruptionTests
{
    [Theory]
    [InlineData("plain", 0x0020)]
    [InlineData("plain", 0x0100)]
    [InlineData("extended", 0x8000)]
    public void UnknownIFormatBitsAreAContentErrorAtTheInode(string name, ushort bit)
    {
        var (image, inode) = Patch(name, "/sizes/text_1000", (img, i) =>
            img.WriteU16(i.Location + InodeFields.Compact.Format, (ushort)(img.ReadU16(i.Location + InodeFields.Compact.Format) | bit)));
        var e = GetInodeFails(image, inode, "i_format");
        Assert.Equal(inode.Location, e.Offset);
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "i_format");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void DataLayoutsFiveToSevenAreAContentError(int layout)
    {
        var (image, inode) = Patch("plain", "/sizes/text_1000", (img, i) => SetLayout(img, i, layout));
        GetInodeFails(image, inode, "layout");
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "layout");
    }

    [Theory]
    [InlineData(InodeLayout.CompressedFull)]
    [InlineData(InodeLayout.CompressedCompact)]
    public void CompressedLayoutOnAFileOfAnUncompressedImageIsAContentError(InodeLayout layout)
    {
        // Linux 7.0's rule: a compressed inode in a plain (never compressed) image is corruption.
        var (image, inode) = Patch("plain", "/sizes/text_1000", (img, i) => SetLayout(img, i, (int)layout));
        using (var opened = image.Open())
        {
            var file = opened.GetInode(inode.Nid);
            Assert.Throws<ErofsContentException>(() => opened.Read(file, 0, new byte[16]));
        }
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "compressed");
    }

    [Fact]
    public void CompressedLayoutOnADirectoryOfAnUncompressedImageIsAContentError()
    {
        var (image, inode) = Patch("plain", "/src", (img, i) => SetLayout(img, i, (int)InodeLayout.CompressedFull));
        using (var opened = image.Open())
            Assert.Throws<ErofsContentException>(() => opened.ReadDirectory(opened.GetInode(inode.Nid)).ToList());
        Expect.WalkDetects(image);
    }

    [Fact]
    public void CompressedLayoutOnACharacterDeviceIsAContentError()
    {
        var (image, inode) = Patch("plain", "/chardev", (img, i) => SetLayout(img, i, (int)InodeLayout.CompressedFull));
        GetInodeFails(image, inode, "special file");
    }

    [Theory]
    [InlineData(1UL << 63)]
    [InlineData(ulong.MaxValue)]
    public void ExtendedSizeAboveInt64IsAContentError(ulong size)
    {
        var (image, inode) = Patch("extended", "/sizes/text_1000", (img, i) => img.WriteU64(i.Location + InodeFields.Extended.Size, size));
        GetInodeFails(image, inode, "size");
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "size");
    }

    [Theory]
    [InlineData("/sizes/text_1000", long.MaxValue)]
    [InlineData("/sizes/text_1000", long.MaxValue - 4095)]
    [InlineData("/sizes/text_1000", 1L << 62)]
    [InlineData("/sizes/text_65536", long.MaxValue)]
    [InlineData("/sizes/text_65536", long.MaxValue - 4095)]
    [InlineData("/sizes/text_65536", 1L << 62)]
    public void ExtendedSizeNearInt64MaxGivesContentErrorsNotOverflows(string path, long size)
    {
        // Inline (text_1000) and plain (text_65536) files; block rounding must not wrap around.
        // The start may read real blocks (correct data); the end lies far past the image.
        var (image, inode) = Patch("extended", path, (img, i) => img.WriteU64(i.Location + InodeFields.Extended.Size, (ulong)size));
        using (var opened = image.Open())
        {
            var file = opened.GetInode(inode.Nid);
            var e = Assert.Throws<ErofsContentException>(() => Bounded.Run(() => opened.Read(file, size - 4096, new byte[4096])));
            Expect.Located(e);
        }
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "");
    }

    [Fact]
    public void StartBlockPastTheEndIsAContentError()
    {
        var (image, inode) = Patch("plain", "/sizes/text_65536", (img, i) => img.WriteU32(i.Location + InodeFields.Compact.U, 0x7FFF_FFFF));
        using (var opened = image.Open())
        {
            var file = opened.GetInode(inode.Nid);
            var e = Assert.Throws<ErofsContentException>(() => opened.Read(file, 0, new byte[16]));
            Assert.Equal(inode.Nid, e.Nid);
            Assert.Contains("outside device 0", e.Message, StringComparison.Ordinal);
        }
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "outside");
    }

    [Fact]
    public void HighestPossibleExtendedStartBlockIsAContentError()
    {
        // startblk_hi 0xFFFF and startblk_lo 0xFFFFFFFE: a 48-bit block number, byte address ~2^60.
        var (image, inode) = Patch("extended", "/sizes/text_65536", (img, i) =>
        {
            img.WriteU16(i.Location + InodeFields.Extended.Nb, 0xFFFF);
            img.WriteU32(i.Location + InodeFields.Extended.U, 0xFFFF_FFFE);
        });
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "outside");
    }

    [Fact]
    public void XattrCountOfOneIsAContentError()
    {
        var (image, inode) = Patch("plain", "/sizes/text_1000", (img, i) => img.WriteU16(i.Location + InodeFields.Compact.XattrCount, 1));
        GetInodeFails(image, inode, "icount 1");
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "icount");
    }

    [Theory]
    [InlineData("/sizes/text_1000")]
    [InlineData("/xattr/f1")]
    [InlineData("/src")]
    public void HugeXattrCountGivesOnlyAllowedErrors(string path)
    {
        // 65535 -> a 256 KiB xattr area of whatever follows the inode: bounded by the u16, never trusted further.
        var (image, _) = Patch("plain", path, (img, i) => img.WriteU16(i.Location + InodeFields.Compact.XattrCount, ushort.MaxValue));
        Expect.WalkDetects(image);
    }

    [Fact]
    public void XattrAreaPushingTheInlineTailAcrossABlockIsAContentError()
    {
        // A larger xattr area moves the inline tail; once it crosses the block end it is invalid.
        var (image, inode) = Patch("plain", "/sizes/text_1000", (img, i) => img.WriteU16(i.Location + InodeFields.Compact.XattrCount, 1024));
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "");
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0xE000)]
    public void UnknownFileTypeInTheModeIsAContentError(int type)
    {
        var (image, inode) = Patch("plain", "/sizes/text_1000", (img, i) =>
            img.WriteU16(i.Location + InodeFields.Compact.Mode, (ushort)(type | (i.Mode & 0xFFF))));
        GetInodeFails(image, inode, "file type");
    }

    [Fact]
    public void SymlinkLongerThanPathMaxIsAContentError()
    {
        var (image, inode) = Patch("plain", "/abs_link", (img, i) => img.WriteU32(i.Location + InodeFields.Compact.Size, 1 << 20));
        using (var opened = image.Open())
        {
            var e = Assert.Throws<ErofsContentException>(() => opened.ReadLink(opened.GetInode(inode.Nid)));
            Assert.Equal(inode.Nid, e.Nid);
        }
        Expect.WalkDetects(image);
    }

    [Fact]
    public void SpecialFileWithASizeIsReportedByFsck()
    {
        var (image, inode) = Patch("plain", "/fifo", (img, i) => img.WriteU32(i.Location + InodeFields.Compact.Size, 4096));
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "special file has size");
    }

    private static (HostileImage Image, InodeInfo Inode) Patch(string name, string path, Action<HostileImage, InodeInfo> patch)
    {
        var image = HostileImage.Load(name);
        var inode = image.Inode(path);
        patch(image, inode);
        return (image, inode);
    }

    private static void SetLayout(HostileImage image, InodeInfo inode, int layout)
    {
        ushort format = image.ReadU16(inode.Location + InodeFields.Compact.Format);
        format = (ushort)((format & ~(InodeFields.LayoutMask << InodeFields.LayoutShift)) | (layout << InodeFields.LayoutShift));
        image.WriteU16(inode.Location + InodeFields.Compact.Format, format);
    }

    private static ErofsContentException GetInodeFails(HostileImage image, InodeInfo inode, string reason)
    {
        using var opened = image.Open();
        var e = Assert.Throws<ErofsContentException>(() => opened.GetInode(inode.Nid));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(inode.Nid, e.Nid);
        Expect.Located(e);
        return e;
    }
}
