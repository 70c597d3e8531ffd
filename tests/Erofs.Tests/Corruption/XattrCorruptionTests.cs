using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>Damaged xattr bodies, entries, shared ids and long prefixes of /xattr/f* files.</summary>
public sealed class XattrCorruptionTests
{
    [Fact]
    public void SharedCountPastTheXattrAreaIsAContentError()
    {
        // f11 has two small xattrs: 255 shared ids (1020 bytes) cannot fit its area.
        var image = HostileImage.Load("plain");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f11");
        Assert.True(probe.AreaSize < 12 + 4 * 255);
        image.WriteU8(probe.SharedCountOffset, 255);
        var e = ListXattrsFails(image, "/xattr/f11", "do not fit");
        Assert.Equal(probe.AreaStart, e.Offset);
    }

    [Fact]
    public void InlineEntryNameLengthPastTheAreaIsAContentError()
    {
        var image = HostileImage.Load("plain");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        var last = probe.InlineEntries[^1];
        image.WriteU8(last.Offset, 255);
        var e = ListXattrsFails(image, "/xattr/f1", "past");
        Assert.Equal(last.Offset, e.Offset);
    }

    [Fact]
    public void InlineEntryValueSizePastTheAreaIsAContentError()
    {
        var image = HostileImage.Load("plain");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        image.WriteU16(probe.InlineEntries[0].Offset + 2, ushort.MaxValue);
        ListXattrsFails(image, "/xattr/f1", "past");
    }

    [Fact]
    public void LongPrefixIndexPastTheTableIsAContentError()
    {
        // xattr-prefix has one long prefix ("user.prefixtest."): index 127 does not exist.
        var image = HostileImage.Load("xattr-prefix");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        var entry = probe.InlineEntries.First(e => (e.NameIndex & XattrLayout.LongPrefixFlag) != 0);
        image.WriteU8(entry.Offset + 1, XattrLayout.LongPrefixFlag | 0x7F);
        ListXattrsFails(image, "/xattr/f1", "long prefix index");
    }

    [Fact]
    public void LongPrefixFlagOnAnImageWithoutPrefixesIsAContentError()
    {
        var image = HostileImage.Load("plain");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        image.WriteU8(probe.InlineEntries[0].Offset + 1, XattrLayout.LongPrefixFlag);
        ListXattrsFails(image, "/xattr/f1", "long prefix index");
    }

    [Theory]
    [InlineData(uint.MaxValue)]
    [InlineData(0x4000_0000u)]
    public void SharedXattrIdPastTheEndIsAContentError(uint id)
    {
        var image = HostileImage.Load("shared-xattrs");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f0");
        Assert.NotEmpty(probe.SharedIdOffsets);
        image.WriteU32(probe.SharedIdOffsets[0], id);
        ListXattrsFails(image, "/xattr/f0", "outside");
    }

    [Fact]
    public void SharedXattrEntryWithAHugeValueGivesOnlyAllowedErrors()
    {
        // A 64 KiB value read from whatever follows the shared entry: wrong, bounded, no crash.
        var image = HostileImage.Load("shared-xattrs");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f0");
        image.WriteU16(probe.SharedEntryOffsets[0] + 2, ushort.MaxValue);
        Bounded.Walk(image);
    }

    [Fact]
    public void UnknownShortNameIndexIsSkippedNotAnError()
    {
        // Like the kernel, an entry with an index no handler knows is not listed.
        var image = HostileImage.Load("plain");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        int before = Count(image);
        image.WriteU8(probe.InlineEntries[0].Offset + 1, 0x7E);
        Assert.Equal(before - 1, Count(image));

        static int Count(HostileImage image)
        {
            using var opened = image.Open();
            return opened.ListXattrs(opened.ResolvePath("/xattr/f1")!).Count;
        }
    }

    [Fact]
    public void NameFilterHidingAnExistingXattrIsReportedByFsck()
    {
        var image = HostileImage.Load("xattr-filter");
        var probe = XattrLayoutProbe.Of(image, "/xattr/f1");
        image.WriteU32(probe.AreaStart + XattrLayout.NameFilterOffset, uint.MaxValue);
        Expect.FsckReports(Expect.WalkDetects(image), image.Inode("/xattr/f1").Nid, "filter");
    }

    private static ErofsContentException ListXattrsFails(HostileImage image, string path, string reason)
    {
        ulong nid = image.Inode(path).Nid;
        ErofsContentException e;
        using (var opened = image.Open())
        {
            var file = opened.GetInode(nid);
            e = Assert.Throws<ErofsContentException>(() => opened.ListXattrs(file));
        }
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(nid, e.Nid);
        Expect.Located(e);
        Expect.FsckReports(Expect.WalkDetects(image), nid, "");
        return e;
    }
}
