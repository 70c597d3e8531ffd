using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Damaged dirents of /src in "plain": one inline block holding ".", "..", pkg0 ... pkg9
/// (17 subdirectories whose names are 4 or 5 bytes).
/// </summary>
public sealed class DirentCorruptionTests
{
    private const string Dir = "/src";

    [Theory]
    [InlineData(0)]
    [InlineData(Dirent.Size - 1)]
    public void FirstNameOffsetBelowOneDirentIsAContentError(ushort nameOffset)
    {
        var (image, entries) = Load();
        image.WriteU16(entries[0].DirentOffset + Dirent.Offsets.NameOff, nameOffset);
        ReadDirectoryFails(image, "name offset");
    }

    [Fact]
    public void FirstNameOffsetNotAMultipleOfTheDirentSizeIsAContentError()
    {
        var (image, entries) = Load();
        image.WriteU16(entries[0].DirentOffset + Dirent.Offsets.NameOff, (ushort)(entries[0].NameOffset - entries[0].BlockOffset + 1));
        ReadDirectoryFails(image, "name offset");
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(ushort.MaxValue)]
    public void FirstNameOffsetAtOrPastTheBlockEndIsAContentError(int nameOffset)
    {
        var (image, entries) = Load();
        image.WriteU16(entries[0].DirentOffset + Dirent.Offsets.NameOff, (ushort)nameOffset);
        ReadDirectoryFails(image, "name offset");
    }

    [Fact]
    public void NameOffsetsOutOfOrderAreAContentError()
    {
        // Entry 3's name would start after entry 4's: a negative length.
        var (image, entries) = Load();
        ushort later = image.ReadU16(entries[5].DirentOffset + Dirent.Offsets.NameOff);
        image.WriteU16(entries[3].DirentOffset + Dirent.Offsets.NameOff, later);
        ReadDirectoryFails(image, "name range");
    }

    [Fact]
    public void LastNameOffsetPastTheBlockIsAContentError()
    {
        var (image, entries) = Load();
        image.WriteU16(entries[^1].DirentOffset + Dirent.Offsets.NameOff, 4000);
        ReadDirectoryFails(image, "name range");
    }

    [Theory]
    [InlineData((byte)'/')]
    [InlineData((byte)0)]
    public void SlashOrNulInsideANameIsAContentError(byte bad)
    {
        var (image, entries) = Load();
        var pkg1 = entries.Single(d => d.Name == "pkg1");
        image.WriteU8(pkg1.NameOffset + 1, bad);
        ReadDirectoryFails(image, "NUL or '/'");
    }

    [Fact]
    public void EmptyLastNameIsAContentError()
    {
        // The last name ends at the first NUL: a NUL in its first byte leaves nothing.
        var (image, entries) = Load();
        image.WriteU8(entries[^1].NameOffset, 0);
        ReadDirectoryFails(image, "name range");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(255)]
    public void UnknownDirentFileTypeIsAContentError(byte fileType)
    {
        var (image, entries) = Load();
        image.WriteU8(entries[3].DirentOffset + Dirent.Offsets.FileType, fileType);
        ReadDirectoryFails(image, $"file type {fileType}");
    }

    [Fact]
    public void DirentErrorsGiveTheImageOffsetOfTheBadDirent()
    {
        // ErofsContentException.Offset is documented as an offset in the image (or metadata
        // space): for a dirent that is where its 12 bytes are, not its offset inside the directory.
        var (image, entries) = Load();
        image.WriteU8(entries[3].DirentOffset + Dirent.Offsets.FileType, 8);
        var e = ReadDirectoryFails(image, "file type 8");
        Assert.Equal(entries[3].DirentOffset, e.Offset);
    }

    [Fact]
    public void DirentFileTypeDisagreeingWithTheInodeIsReportedByFsck()
    {
        var (image, entries) = Load();
        var pkg0 = entries.Single(d => d.Name == "pkg0");
        image.WriteU8(pkg0.DirentOffset + Dirent.Offsets.FileType, 1);
        Expect.FsckReports(Expect.WalkDetects(image), pkg0.Entry.Nid, "dirent says");
    }

    [Fact]
    public void NidIntoTheMiddleOfAnExtendedInodeGivesOnlyAllowedErrors()
    {
        // Slot 1 of a 64-byte inode is its second half (mtime, nsec, nlink, reserved): not an inode.
        var image = HostileImage.Load("extended");
        var pkg0 = image.Dirents(Dir).Single(d => d.Name == "pkg0");
        ulong middle = image.Inode("/sizes/text_1000").Nid + 1;
        image.WriteU64(pkg0.DirentOffset + Dirent.Offsets.Nid, middle);
        Expect.FsckReports(Expect.WalkDetects(image), middle, "");
    }

    [Theory]
    [InlineData(0xFFFF_FFFF_FFFFUL)]
    [InlineData(ulong.MaxValue)]
    [InlineData((1UL << 63) - 1)]
    public void NidPastTheEndIsAContentError(ulong nid)
    {
        var (image, entries) = Load();
        image.WriteU64(entries.Single(d => d.Name == "pkg3").DirentOffset + Dirent.Offsets.Nid, nid);
        Expect.FsckReports(Expect.WalkDetects(image), nid, "");
    }

    [Fact]
    public void EntriesOutOfOrderAreReportedByFsck()
    {
        // Swap the names "pkg10" and "pkg11" (same length): the block still decodes.
        var (image, entries) = Load();
        var a = entries.Single(d => d.Name == "pkg10");
        var b = entries.Single(d => d.Name == "pkg11");
        image.WriteU8(a.NameOffset + 4, (byte)'1');
        image.WriteU8(b.NameOffset + 4, (byte)'0');
        var report = Expect.WalkDetects(image);
        Assert.Contains(report.Issues, i => i.Message.Contains("out of order", StringComparison.Ordinal));
    }

    [Fact]
    public void DotDotNotPointingAtTheParentIsReportedByFsck()
    {
        var (image, entries) = Load();
        var dotDot = entries.Single(d => d.Name == "..");
        image.WriteU64(dotDot.DirentOffset + Dirent.Offsets.Nid, image.Inode("/deep").Nid);
        var report = Expect.WalkDetects(image);
        Expect.FsckReports(report, image.Inode(Dir).Nid, "'..' points to");
    }

    [Fact]
    public void DotNotPointingAtItselfIsReportedByFsck()
    {
        var (image, entries) = Load();
        var dot = entries.Single(d => d.Name == ".");
        image.WriteU64(dot.DirentOffset + Dirent.Offsets.Nid, image.Inode("/deep").Nid);
        Expect.FsckReports(Expect.WalkDetects(image), image.Inode(Dir).Nid, "'.' points to");
    }

    private static (HostileImage Image, List<LocatedDirent> Entries) Load()
    {
        var image = HostileImage.Load("plain");
        var entries = image.Dirents(Dir);
        Assert.Equal(19, entries.Count);
        Assert.All(entries, e => Assert.Equal(entries[0].BlockOffset, e.BlockOffset));
        return (image, entries);
    }

    private static ErofsContentException ReadDirectoryFails(HostileImage image, string reason)
    {
        using (var opened = image.Open())
        {
            var dir = opened.ResolvePath(Dir)!;
            var e = Assert.Throws<ErofsContentException>(() => opened.ReadDirectory(dir).ToList());
            Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(dir.Nid, e.Nid);
            Expect.Located(e);
            Expect.FsckReports(Expect.WalkDetects(image), dir.Nid, reason);
            return e;
        }
    }
}
