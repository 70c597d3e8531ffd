using System.Buffers.Binary;
using Erofs.Format;
using O = Erofs.Format.Superblock.Offsets;

namespace Erofs.Building.Writing;

/// <summary>Encodes the superblock into the first metadata bytes and seals it with its checksum.</summary>
internal static class SuperblockWriter
{
    // image: The image's first bytes (at least through the checksummed range).
    public static void Write(Span<byte> image, SuperblockFields f, bool checksum)
    {
        var sb = image.Slice(Superblock.Position, Superblock.CoreSize);
        sb.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.Magic..], Superblock.MagicValue);
        var compat = f.Compat | (checksum ? FeatureCompat.SuperblockChecksum : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.FeatureCompat..], (uint)compat);
        sb[O.BlkSzBits] = (byte)f.BlockSizeBits;
        BinaryPrimitives.WriteUInt16LittleEndian(sb[O.RootNid2b..], checked((ushort)f.RootNid));
        BinaryPrimitives.WriteUInt64LittleEndian(sb[O.Inos..], f.InodeCount);
        BinaryPrimitives.WriteUInt64LittleEndian(sb[O.Epoch..], (ulong)f.EpochSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.FixedNsec..], f.FixedNanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.BlocksLo..], checked((uint)f.Blocks));
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.XattrBlkAddr..], f.XattrBlock);
        f.Uuid.CopyTo(sb[O.Uuid..]);
        f.VolumeName.CopyTo(sb[O.VolumeName..]);
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.FeatureIncompat..], (uint)f.Incompat);
        BinaryPrimitives.WriteUInt16LittleEndian(sb[O.U1..], f.U1);
        BinaryPrimitives.WriteUInt16LittleEndian(sb[O.ExtraDevices..], f.ExtraDevices);
        BinaryPrimitives.WriteUInt16LittleEndian(sb[O.DevtSlotOff..], f.DeviceTableSlot);
        sb[O.XattrPrefixCount] = f.XattrPrefixCount;
        BinaryPrimitives.WriteUInt32LittleEndian(sb[O.XattrPrefixStart..], f.XattrPrefixStart);
        sb[O.IshareXattrPrefixId] = f.FingerprintPrefixId;
        BinaryPrimitives.WriteUInt64LittleEndian(sb[O.PackedNid..], f.PackedNid);
        if (checksum)
        {
            int blockSize = 1 << f.BlockSizeBits;
            var covered = image.Slice(Superblock.Position, SuperblockChecksum.CoveredLength(blockSize));
            BinaryPrimitives.WriteUInt32LittleEndian(sb[O.Checksum..], SuperblockChecksum.Compute(covered));
        }
    }
}
