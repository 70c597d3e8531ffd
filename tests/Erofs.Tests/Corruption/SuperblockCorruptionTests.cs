using Erofs.Format;
using Erofs.Reading;
using static Erofs.Format.Superblock;

namespace Erofs.Tests.Corruption;

/// <summary>One damaged superblock field at a time (CRC checking off, so the field itself is judged).</summary>
public sealed class SuperblockCorruptionTests
{
    [Fact]
    public void BadMagicIsAContentErrorAtTheSuperblock()
    {
        var image = HostileImage.Load("plain");
        image.Xor(HostileImage.SuperblockField(Offsets.Magic), 0x01);
        var e = Expect.OpenFails(image, "magic");
        Assert.Equal(Position, e.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(255)]
    public void BlockSizeBitsOutside9To12IsAContentError(byte bits)
    {
        var image = HostileImage.Load("plain");
        image.WriteU8(HostileImage.SuperblockField(Offsets.BlkSzBits), bits);
        var e = Expect.OpenFails(image, "block size bits");
        Assert.Equal(Position + Offsets.BlkSzBits, e.Offset);
    }

    [Theory]
    [InlineData(0x200u, "0x200")]
    [InlineData(0x8000_0000u, "0x80000000")]
    public void UnknownIncompatibleFeatureBitIsNotSupportedAndNamed(uint bit, string named)
    {
        var image = HostileImage.Load("plain");
        uint incompat = image.ReadU32(HostileImage.SuperblockField(Offsets.FeatureIncompat));
        image.WriteU32(HostileImage.SuperblockField(Offsets.FeatureIncompat), incompat | bit);
        Expect.OpenUnsupported(image, named);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void NonZeroDirBlockBitsIsAContentError(byte bits)
    {
        var image = HostileImage.Load("plain");
        image.WriteU8(HostileImage.SuperblockField(Offsets.DirBlkBits), bits);
        Expect.OpenFails(image, "dirblkbits");
    }

    [Fact]
    public void ExtensionSlotsThatDoNotFitTheFirstBlockAreAContentError()
    {
        var image = HostileImage.Load("plain");
        image.WriteU8(HostileImage.SuperblockField(Offsets.SbExtSlots), 255);
        Expect.OpenFails(image, "extension slots");
    }

    [Fact]
    public void ExtraDevicesWithoutTheDeviceTableFeatureAreAContentError()
    {
        var image = HostileImage.Load("plain");
        image.WriteU16(HostileImage.SuperblockField(Offsets.ExtraDevices), ushort.MaxValue);
        Expect.OpenFails(image, "device table feature");
    }

    [Fact]
    public void HugeExtraDeviceCountRunsOffTheImageAndIsAContentError()
    {
        // 65535 slots of 128 bytes from slot 9: far more than the 220 KiB image holds.
        var image = HostileImage.Load("blobdev");
        image.WriteU16(HostileImage.SuperblockField(Offsets.ExtraDevices), ushort.MaxValue);
        Expect.OpenFails(image, "outside the image");
    }

    [Fact]
    public void DeviceTableOffsetPastTheEndIsAContentError()
    {
        var image = HostileImage.Load("blobdev");
        image.WriteU16(HostileImage.SuperblockField(Offsets.DevtSlotOff), ushort.MaxValue);
        var e = Expect.OpenFails(image, "outside the image");
        Assert.Equal((long)ushort.MaxValue * DeviceSlot.Size, e.Offset);
    }

    [Fact]
    public void ExtraDeviceCountDroppedToZeroWhileTheCallerGivesTheBlobIsAContentError()
    {
        // A flipped extra_devices (1 -> 0) on an image the caller opens with its blob: the image
        // is what is wrong, so the error must be a content error, not ArgumentException.
        var image = HostileImage.Load("blobdev");
        image.WriteU16(HostileImage.SuperblockField(Offsets.ExtraDevices), 0);
        Expect.OpenFails(image, "device");
    }

    [Fact]
    public void RootNidPointingAtARegularFileIsAContentError()
    {
        var image = HostileImage.Load("plain");
        var file = image.Inode("/sizes/text_1");
        image.WriteU16(HostileImage.SuperblockField(Offsets.RootNid2b), (ushort)file.Nid);
        var e = Expect.OpenFails(image, "root inode is not a directory");
        Assert.Equal(file.Nid, e.Nid);
    }

    [Fact]
    public void RootNidPointingAtZeroedBytesIsAContentError()
    {
        // nid 1 is bytes 32..63 of block 0: zeros before the superblock, not an inode.
        var image = HostileImage.Load("plain");
        image.WriteU16(HostileImage.SuperblockField(Offsets.RootNid2b), 1);
        var e = Expect.OpenFails(image, "file type");
        Assert.Equal(1UL, e.Nid);
    }

    [Fact]
    public void RootNidPastTheEndOfTheImageIsAContentError()
    {
        // 65535 * 32 bytes is beyond the 220 KiB blobdev image.
        var image = HostileImage.Load("blobdev");
        image.WriteU16(HostileImage.SuperblockField(Offsets.RootNid2b), ushort.MaxValue);
        var e = Expect.OpenFails(image, "outside the image");
        Assert.Equal((ulong)ushort.MaxValue, e.Nid);
    }

    [Theory]
    [InlineData(1UL << 62)]
    [InlineData((1UL << 63) - 1)]
    public void HugeRootNidOfA48BitImageIsAContentErrorNotAnOverflow(ulong nid)
    {
        var image = HostileImage.Load("48bit");
        SetRootNid8b(image, nid);
        Expect.OpenFails(image, "nid");
    }

    [Fact]
    public void RootNidInTheMetaboxOfAnImageWithoutOneIsAContentError()
    {
        var image = HostileImage.Load("48bit");
        SetRootNid8b(image, InodeDecoder.MetaboxBit | image.Superblock.RootNid);
        Expect.OpenFails(image, "metabox");
    }

    [Fact]
    public void HugeMetaBlockAddressIsAContentError()
    {
        var image = HostileImage.Load("plain");
        image.WriteU32(HostileImage.SuperblockField(Offsets.MetaBlkAddr), uint.MaxValue);
        Expect.OpenFails(image, "outside the image");
    }

    [Fact]
    public void MetaboxNidPointingAtGarbageIsAContentErrorAtThatNid()
    {
        // /src lives in the metabox; the same slot number in the primary space is not an inode.
        var image = HostileImage.Load("metabox");
        ulong garbage = image.Inode("/src").Nid & ~InodeDecoder.MetaboxBit;
        image.WriteU64(HostileImage.SuperblockField(Offsets.MetaboxNid), garbage);
        var e = Expect.OpenFails(image, "");
        Assert.Equal(garbage, e.Nid);
    }

    [Fact]
    public void MetaboxFeatureWithoutAnExtensionSlotIsAContentError()
    {
        var image = HostileImage.Load("metabox");
        image.WriteU8(HostileImage.SuperblockField(Offsets.SbExtSlots), 0);
        Expect.OpenFails(image, "extension slot");
    }

    [Fact]
    public void FingerprintPrefixIdAtThePrefixCountIsAContentError()
    {
        var image = HostileImage.Load("fingerprint");
        byte count = image.Superblock.XattrPrefixCount;
        image.WriteU8(HostileImage.SuperblockField(Offsets.IshareXattrPrefixId), count);
        var e = Expect.OpenFails(image, "fingerprint prefix id");
        Assert.Equal(Position + Offsets.IshareXattrPrefixId, e.Offset);
    }

    [Fact]
    public void LongPrefixTablePastTheEndGivesContentErrorsForPrefixedXattrs()
    {
        // The table is loaded lazily: opening works, listing a prefixed xattr must fail cleanly.
        var image = HostileImage.Load("xattr-prefix");
        image.WriteU32(HostileImage.SuperblockField(Offsets.XattrPrefixStart), uint.MaxValue);
        using (var opened = image.Open())
        {
            var file = opened.ResolvePath("/xattr/f1")!;
            var e = Assert.Throws<ErofsContentException>(() => opened.ListXattrs(file));
            Expect.Located(e);
        }
        Expect.WalkDetects(image);
    }

    [Fact]
    public void LongPrefixCountPastTheTableGivesOnlyAllowedErrors()
    {
        // 255 records from the real table on: the extra ones are whatever bytes follow it.
        var image = HostileImage.Load("xattr-prefix");
        image.WriteU8(HostileImage.SuperblockField(Offsets.XattrPrefixCount), 255);
        Expect.WalkDetects(image);
    }

    [Fact]
    public void FingerprintPrefixTablePastTheEndGivesContentErrors()
    {
        var image = HostileImage.Load("fingerprint");
        image.WriteU32(HostileImage.SuperblockField(Offsets.XattrPrefixStart), uint.MaxValue);
        using (var opened = image.Open())
        {
            var e = Assert.Throws<ErofsContentException>(() => opened.FingerprintXattrName);
            Expect.Located(e);
        }
        Expect.WalkDetects(image);
    }

    [Fact]
    public void PackedNidPointingAtAFileMakesThePrefixTableGarbageButOnlyAllowedErrors()
    {
        // Without PLAIN_XATTR_PFX the prefix table is read from the packed inode's content.
        var image = HostileImage.Load("xattr-prefix");
        var file = image.Inode("/sizes/text_4097");
        uint compat = image.ReadU32(HostileImage.SuperblockField(Offsets.FeatureCompat));
        image.WriteU32(HostileImage.SuperblockField(Offsets.FeatureCompat), compat & ~(uint)FeatureCompat.PlainXattrPrefixes);
        image.WriteU64(HostileImage.SuperblockField(Offsets.PackedNid), file.Nid);
        Expect.WalkDetects(image);
    }

    [Fact]
    public void BlockCountBeyondTheFileIsRefusedStrictlyAndReadableLaxly()
    {
        var image = HostileImage.Load("plain");
        image.WriteU32(HostileImage.SuperblockField(Offsets.BlocksLo), uint.MaxValue);
        Expect.OpenFails(image, "truncated");
        var report = Bounded.Walk(image, HostileImage.NoChecksumLax);
        Assert.True(report.Clean, report.Describe());
    }

    // With 48BIT, a non-zero rootnid_8b turns rootnid_2b into blocks_hi: keep that at 0.
    private static void SetRootNid8b(HostileImage image, ulong nid)
    {
        image.WriteU64(HostileImage.SuperblockField(Offsets.RootNid8b), nid);
        image.WriteU16(HostileImage.SuperblockField(Offsets.RootNid2b), 0);
    }
}
