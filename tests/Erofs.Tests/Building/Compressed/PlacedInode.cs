using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Reading.Compressed;
using Erofs.Storage;

namespace Erofs.Tests.Building.Compressed;

/// <summary>An encoded inode written into a metadata buffer, 32-byte aligned, with its inline tail after the indexes.</summary>
internal sealed record PlacedInode(EncodedZIndex Encoded, InodeInfo Inode, CompressedMapper Mapper, long InlinePosition)
{
    public static PlacedInode Encode(CompressedFileMap map, ZIndexFormat format, int inodeAndXattr, Random random)
    {
        var encoded = ZIndexEncoder.Encode(map, format, inodeAndXattr);
        int blockSize = 1 << format.BlockSizeBits;
        long location = 32L * random.Next(0, 4 * blockSize / 32);
        // The inline tail must not cross a block boundary: slide the inode forward until it fits.
        while ((location + encoded.InlineOffset) % blockSize + encoded.InlineSize > blockSize)
            location += 32;
        var buffer = new byte[location + encoded.InlineOffset + encoded.InlineSize + blockSize];
        encoded.Bytes.CopyTo(buffer, location + encoded.HeaderOffset);
        random.NextBytes(buffer.AsSpan((int)(location + encoded.InlineOffset), encoded.InlineSize));
        int inodeSize = inodeAndXattr >= 64 && random.Next(2) == 0 ? 64 : 32;
        var inode = new InodeInfo
        {
            Nid = (ulong)location / 32, IsExtended = inodeSize == 64, Layout = encoded.Layout, Mode = 0x81A4, Size = (ulong)map.Size,
            Uid = 0, Gid = 0, Nlink = 1, MtimeSeconds = 0, MtimeNanoseconds = 0, Rdev = 0, Ino = 1, IsDotOmitted = false,
            XattrSize = inodeAndXattr - inodeSize, RawU = encoded.Blocks, StartBlock = 0, Location = location,
        };
        var sb = new Superblock { BlockSizeBits = (byte)format.BlockSizeBits, FeatureIncompat = FeatureIncompat.ZeroPadding | FeatureIncompat.ComprCfgs };
        var config = new CompressionConfig { AvailableAlgorithms = 0b11, IsCompressedFilesystem = true, HasConfigRecords = true };
        var space = new PrimaryMetadataSpace(new MemoryBlockSource(buffer));
        return new PlacedInode(encoded, inode, new CompressedMapper(sb, config, _ => space), location + encoded.InlineOffset);
    }
}
