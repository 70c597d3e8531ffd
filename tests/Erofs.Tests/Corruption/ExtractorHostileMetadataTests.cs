using System.Text;
using Erofs.Extracting;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Inode contents the reader accepts but the file system calls of the extractor cannot take:
/// they must become reported failures of one entry, never an exception out of ExtractTo.
/// </summary>
public sealed class ExtractorHostileMetadataTests
{
    [Fact]
    public void EmptySymlinkTargetIsAReportedFailure()
    {
        var image = HostileImage.Load("plain");
        var link = image.Inode("/abs_link");
        image.WriteU32(link.Location + InodeFields.Compact.Size, 0);
        var result = Extract(image);
        Assert.Contains(result.Failures, f => f.Nid == link.Nid);
    }

    [Fact]
    public void SymlinkTargetWithANulByteIsAReportedFailure()
    {
        var image = HostileImage.Load("plain");
        var link = image.Inode("/abs_link");
        image.WriteU8(InlineTail(image, link) + 3, 0);
        var result = Extract(image);
        Assert.Contains(result.Failures, f => f.Nid == link.Nid);
    }

    [Fact]
    public void SymlinkTargetThatIsNotUtf8IsNotSilentlyChanged()
    {
        // "/absolute/target" with one byte 0xFF: the link must carry those bytes or be reported,
        // not point at "/ab\uFFFDolute/target" instead.
        var image = HostileImage.Load("plain");
        var link = image.Inode("/abs_link");
        image.WriteU8(InlineTail(image, link) + 3, 0xFF);
        using var scratch = new ScratchDirectory();
        var result = Extract(image, scratch["out"]);
        string extracted = Path.Combine(scratch["out"], "abs_link");
        bool reported = result.Failures.Any(f => f.Nid == link.Nid);
        byte[] expected = [.. "/ab"u8, 0xFF, .. "olute/target"u8];
        byte[]? target = RawLink.Read(extracted);
        Assert.True(reported || target is null || target.AsSpan().SequenceEqual(expected),
            $"symlink target silently became '{(target is null ? "" : Convert.ToHexString(target))}'");
    }

    [Fact]
    public void ExtendedInodeNanosecondsOfOneSecondAreAContentError()
    {
        // Regression: a nanosecond field >= 10^9 once reached utimensat and escaped as ArgumentOutOfRangeException.
        var image = HostileImage.Load("extended");
        var file = image.Inode("/sizes/text_1000");
        image.WriteU32(file.Location + InodeFields.Extended.MtimeNsec, 1_000_000_000);
        var report = Expect.WalkDetects(image);
        Expect.FsckReports(report, file.Nid, "nanoseconds");
        Assert.NotNull(report.Extract);
        Assert.Contains(report.Extract.Failures, f => f.Nid == file.Nid);
    }

    [Fact]
    public void SuperblockFixedNanosecondsOfOneSecondAreAContentError()
    {
        // Compact inodes take their nanoseconds from the superblock: every one, root first, is invalid.
        var image = HostileImage.Load("plain");
        image.WriteU32(HostileImage.SuperblockField(Superblock.Offsets.FixedNsec), uint.MaxValue);
        Expect.OpenFails(image, "nanoseconds");
    }

    private static long InlineTail(HostileImage image, InodeInfo inode)
    {
        using var opened = image.Open();
        return opened.GetExtents(inode).Single(e => e.Kind == ExtentKind.Inline).PhysicalOffset;
    }

    private static ExtractResult Extract(HostileImage image, string? target = null)
    {
        using var scratch = new ScratchDirectory();
        return Bounded.Run(() =>
        {
            using var opened = image.Open();
            return new Extractor(opened).ExtractTo(target ?? scratch["out"]);
        }, "extraction");
    }
}
