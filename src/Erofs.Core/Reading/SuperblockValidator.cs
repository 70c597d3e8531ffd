using Erofs.Format;

namespace Erofs.Reading;

/// <summary>Decides whether a parsed superblock describes an image this reader can open.</summary>
internal static class SuperblockValidator
{
    public const int MinBlockSizeBits = 9;
    public const int MaxBlockSizeBits = 12;

    // What must hold before the checksum can be computed: the magic and the block size.
    public static void ValidateBasics(Superblock sb, long imageLength, ReadOptions options)
    {
        long at = Superblock.Position;
        if (sb.Magic != Superblock.MagicValue)
            throw new ErofsContentException($"bad superblock magic 0x{sb.Magic:x8}, not an EROFS image", offset: at);
        if (sb.BlockSizeBits is < MinBlockSizeBits or > MaxBlockSizeBits)
            throw new ErofsContentException($"unsupported block size bits {sb.BlockSizeBits} (expected 9..12)", offset: at + Superblock.Offsets.BlkSzBits);
        if (options.VerifySuperblockChecksum && (sb.FeatureCompat & FeatureCompat.SuperblockChecksum) != 0 && imageLength < Superblock.Position + SuperblockChecksum.CoveredLength(sb.BlockSize))
            throw new ErofsContentException("image is too short to hold its first block", offset: imageLength);
    }

    // Throws ErofsContentException for corruption and NotSupportedException for unknown features.
    public static void Validate(Superblock sb, long imageLength, ReadOptions options)
    {
        long at = Superblock.Position;
        var unknown = (uint)sb.FeatureIncompat & ~(uint)FeatureIncompat.AllKnown;
        if (unknown != 0)
            throw new NotSupportedException($"unsupported incompatible feature bits 0x{unknown:x} in superblock feature_incompat 0x{(uint)sb.FeatureIncompat:x}");
        if (sb.DirBlockBits != 0)
            throw new ErofsContentException($"dirblkbits {sb.DirBlockBits} is not 0", offset: at + Superblock.Offsets.DirBlkBits);
        if (Superblock.Position + sb.Size > sb.BlockSize && sb.BlockSize > Superblock.Position)
            throw new ErofsContentException($"superblock with {sb.ExtensionSlots} extension slots does not fit in the first block", offset: at + Superblock.Offsets.SbExtSlots);
        if ((sb.FeatureIncompat & FeatureIncompat.Metabox) != 0 && sb.ExtensionSlots < 1)
            throw new ErofsContentException("metabox feature without a superblock extension slot", offset: at + Superblock.Offsets.SbExtSlots);
        if ((sb.FeatureCompat & FeatureCompat.IshareXattrs) != 0 && sb.IshareXattrPrefixId >= sb.XattrPrefixCount)
            throw new ErofsContentException($"fingerprint prefix id {sb.IshareXattrPrefixId} is not below the prefix count {sb.XattrPrefixCount}", offset: at + Superblock.Offsets.IshareXattrPrefixId);
        if ((sb.PackedNid >> 63) != 0 || (sb.MetaboxNid >> 63) != 0 && sb.ExtensionSlots >= 1)
            throw new ErofsContentException("packed or metabox nid has bit 63 set", offset: at + Superblock.Offsets.PackedNid);
        if (sb.ExtraDevices > 0 && (sb.FeatureIncompat & FeatureIncompat.DeviceTable) == 0)
            throw new ErofsContentException($"{sb.ExtraDevices} extra devices without the device table feature", offset: at + Superblock.Offsets.ExtraDevices);
        if (options.Conformance == ErofsConformance.Strict && sb.Blocks > (ulong)imageLength >> sb.BlockSizeBits)
            throw new ErofsContentException($"image is truncated: superblock says {sb.Blocks} blocks of {sb.BlockSize} bytes, file has {imageLength} bytes", offset: imageLength);
    }
}
