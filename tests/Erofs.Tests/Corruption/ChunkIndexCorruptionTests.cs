using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Damaged chunk-based files: "blobdev" (8-byte indexes into extra device 1), "chunked-indexes"
/// (8-byte indexes, one device) and "chunked" (4-byte block map).
/// </summary>
public sealed class ChunkIndexCorruptionTests
{
    private const string File = "/sizes/text_65536";

    [Fact]
    public void DeviceIdBeyondTheExtraDevicesIsAContentError()
    {
        // With 2 extra devices the id mask is 3, so id 3 survives masking and names no device.
        var image = HostileImage.Load("blobdev");
        image.WriteU16(HostileImage.SuperblockField(Superblock.Offsets.ExtraDevices), 2);
        var table = ChunkTable(image, File);
        image.WriteU16(table + ChunkFormat.IndexDeviceId, 3);
        var e = ReadFails(image, File, "device id 3");
        Assert.Equal(image.Inode(File).Nid, e.Nid);
    }

    [Fact]
    public void DeviceIdIsMaskedLikeTheKernelAndStillReadsTheRightData()
    {
        // One extra device: mask 1, so 0xFFFF means device 1, the blob that really holds the data.
        var image = HostileImage.Load("blobdev");
        var expected = Content(image, File);
        image.WriteU16(ChunkTable(image, File) + ChunkFormat.IndexDeviceId, 0xFFFF);
        Assert.Equal(expected, Content(image, File));
    }

    [Fact]
    public void StartBlockPastTheEndOfTheBlobIsAContentError()
    {
        var image = HostileImage.Load("blobdev");
        image.WriteU32(ChunkTable(image, File) + ChunkFormat.IndexStartBlockLo, 0x7FFF_FFFF);
        ReadFails(image, File, "outside device 1");
        Expect.FsckReports(Expect.WalkDetects(image), image.Inode(File).Nid, "outside device 1");
    }

    [Fact]
    public void StartBlockPastTheEndOfTheImageIsAContentError()
    {
        var image = HostileImage.Load("chunked-indexes");
        image.WriteU32(ChunkTable(image, File) + ChunkFormat.IndexStartBlockLo, 0x7FFF_FFFF);
        ReadFails(image, File, "outside device 0");
    }

    [Fact]
    public void BlockMapEntryPastTheEndOfTheImageIsAContentError()
    {
        var image = HostileImage.Load("chunked");
        image.WriteU32(ChunkTable(image, File), 0x7FFF_FFFF);
        ReadFails(image, File, "outside device 0");
    }

    [Fact]
    public void WideStartBlockFlagOnANarrowImageIsAContentErrorWhenItPointsAway()
    {
        // The 48-bit flag makes startblk_hi count: 0xFFFF << 32 blocks is far past any image.
        var image = HostileImage.Load("chunked-indexes");
        var inode = image.Inode(File);
        image.WriteU16(inode.Location + InodeFields.Compact.U, (ushort)(inode.RawU | ChunkFormat.Layout48Bit));
        image.WriteU16(ChunkTable(image, File) + ChunkFormat.IndexStartBlockHi, 0xFFFF);
        ReadFails(image, File, "outside");
    }

    [Theory]
    [InlineData(0x0080u)]
    [InlineData(0x8000u)]
    public void ChunkFormatWithUnknownBitsIsNotSupported(uint bit)
    {
        var image = HostileImage.Load("chunked-indexes");
        var inode = image.Inode(File);
        image.WriteU32(inode.Location + InodeFields.Compact.U, inode.RawU | bit);
        using (var opened = image.Open())
        {
            var e = Assert.Throws<NotSupportedException>(() => opened.GetInode(inode.Nid));
            Assert.Contains("chunk format", e.Message, StringComparison.Ordinal);
        }
        Expect.FsckReports(Expect.WalkDetects(image), inode.Nid, "chunk format");
    }

    [Theory]
    [InlineData("chunked-indexes")]
    [InlineData("chunked")]
    [InlineData("blobdev")]
    public void HugestChunkBitsGiveOnlyAllowedOutcomes(string name)
    {
        // 31 extra bits: one 8 TiB chunk covers the file, read from the first chunk's start block.
        var image = HostileImage.Load(name);
        var inode = image.Inode(File);
        image.WriteU16(inode.Location + InodeFields.Compact.U, (ushort)(inode.RawU | ChunkFormat.BlockBitsMask));
        Bounded.Walk(image);
    }

    [Theory]
    [InlineData("chunked-indexes")]
    [InlineData("chunked")]
    public void FourGibibyteChunkedFileFinishesWithContentErrors(string name)
    {
        // The chunk table is read from whatever follows the real one until it leaves the image.
        var image = HostileImage.Load(name);
        var inode = image.Inode(File);
        image.WriteU32(inode.Location + InodeFields.Compact.Size, uint.MaxValue);
        Expect.WalkDetects(image);
    }

    // First entry of the chunk table: after the inode and its xattrs, aligned to the entry size.
    private static long ChunkTable(HostileImage image, string path)
    {
        var inode = image.Inode(path);
        Assert.Equal(InodeLayout.ChunkBased, inode.Layout);
        int unit = (inode.RawU & ChunkFormat.Indexes) != 0 ? ChunkFormat.IndexEntrySize : ChunkFormat.BlockMapEntrySize;
        return ChunkMapper.AlignUp(inode.Location + inode.InodeSize + inode.XattrSize, unit);
    }

    private static byte[] Content(HostileImage image, string path)
    {
        using var opened = image.Open();
        var inode = opened.ResolvePath(path)!;
        var data = new byte[(int)inode.Size];
        Assert.Equal(data.Length, opened.Read(inode, 0, data));
        return data;
    }

    private static ErofsContentException ReadFails(HostileImage image, string path, string reason)
    {
        using var opened = image.Open();
        var inode = opened.ResolvePath(path)!;
        var e = Assert.Throws<ErofsContentException>(() => opened.Read(inode, 0, new byte[inode.Size]));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Expect.Located(e);
        return e;
    }
}
