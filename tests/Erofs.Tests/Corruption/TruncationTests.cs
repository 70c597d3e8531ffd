using Erofs.Format;

namespace Erofs.Tests.Corruption;

/// <summary>Images cut short: before the superblock, inside it, in the middle of the metadata, before the last block.</summary>
public sealed class TruncationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(Superblock.Position + 64)]
    public void ImageTooShortForTheSuperblockIsAContentError(int length)
    {
        var image = HostileImage.Load("plain");
        image.Truncate(length);
        var e = Expect.OpenFails(image, "too short");
        Assert.Equal(length, e.Offset);
    }

    [Fact]
    public void ImageTooShortForTheSuperblockIsAContentErrorEvenWithChecksumOn()
    {
        var image = HostileImage.Load("plain");
        image.Truncate(Superblock.Position + 64);
        Expect.OpenFails(image, "too short", new Reading.ReadOptions());
    }

    [Fact]
    public void ImageCutInsideTheFirstBlockIsTooShortForItsChecksum()
    {
        // The CRC covers the whole first block after the superblock: a cut there cannot be verified.
        var image = HostileImage.Load("plain");
        image.Truncate(Superblock.Position + Superblock.ReadSize + 100);
        Expect.OpenFails(image, "too short", new Reading.ReadOptions());
    }

    [Fact]
    public void ImageCutInTheMiddleOfTheMetadataIsRefusedByStrictOpen()
    {
        var image = HostileImage.Load("plain");
        image.Truncate(MiddleOfMetadata(image));
        Expect.OpenFails(image, "truncated");
    }

    [Fact]
    public void ImageCutInTheMiddleOfTheMetadataGivesContentErrorsWhenReadLaxly()
    {
        // Lax opening skips the size check, so every later read has to catch the cut itself.
        var image = HostileImage.Load("plain");
        image.Truncate(MiddleOfMetadata(image));
        var report = Expect.WalkDetects(image, HostileImage.NoChecksumLax);
        Assert.Null(report.OpenFailure);
        Assert.Contains(report.Issues, i => i.Message.Contains("outside", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("chunked")]
    [InlineData("b512")]
    public void ImageCutJustBeforeItsLastDataBlockIsRefusedStrictlyAndReportedLaxly(string name)
    {
        var image = HostileImage.Load(name);
        int blockSize = image.Superblock.BlockSize;
        image.Truncate((int)((image.Superblock.Blocks - 1) * (ulong)blockSize));
        Expect.OpenFails(image, "truncated");
        var report = Expect.WalkDetects(image, HostileImage.NoChecksumLax);
        Assert.Null(report.OpenFailure);
    }

    [Fact]
    public void ExtraDeviceCutShortGivesContentErrors()
    {
        var image = HostileImage.Load("blobdev");
        image.Devices[0] = image.Devices[0][..(image.Devices[0].Length / 2)];
        var report = Expect.WalkDetects(image);
        Assert.Contains(report.Issues, i => i.Message.Contains("outside device 1", StringComparison.Ordinal));
    }

    // Half-way through the inodes: 16 bytes into the inode of the middle entry of /manydir (3000 files).
    private static int MiddleOfMetadata(HostileImage image)
    {
        var entries = image.Dirents("/manydir");
        ulong nid = entries[entries.Count / 2].Entry.Nid;
        using var opened = image.Open();
        return (int)opened.GetInode(nid).Location + 16;
    }
}
