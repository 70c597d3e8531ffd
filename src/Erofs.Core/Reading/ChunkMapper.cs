using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Reading;

/// <summary>Maps offsets of CHUNK_BASED inodes through their block map or chunk index table.</summary>
internal static class ChunkMapper
{
    public static Extent Map(InodeInfo inode, long offset, MetadataSpace space, int blockSizeBits, int deviceIdMask)
    {
        ushort format = (ushort)inode.RawU;
        int chunkBits = blockSizeBits + (format & ChunkFormat.BlockBitsMask);
        if (chunkBits > 62)
            throw new ErofsContentException($"chunk size 2^{chunkBits} is too large", inode.Nid, inode.Location);
        bool indexes = (format & ChunkFormat.Indexes) != 0;
        int unit = indexes ? ChunkFormat.IndexEntrySize : ChunkFormat.BlockMapEntrySize;
        long chunk = offset >> chunkBits;
        long tableStart = AlignUp(inode.Location + inode.InodeSize + inode.XattrSize, unit);
        long entryPosition = tableStart + chunk * unit;
        Span<byte> entry = stackalloc byte[ChunkFormat.IndexEntrySize];
        space.Read(entryPosition, entry[..unit], inode.Nid);

        long start = chunk << chunkBits;
        long length = Math.Min(1L << chunkBits, (long)inode.Size - start);
        if (!indexes)
        {
            uint block = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            return block == ChunkFormat.NullAddress
                ? new Extent(start, length, ExtentKind.Hole, 0, 0, 0)
                : new Extent(start, length, ExtentKind.Plain, 0, (long)block << blockSizeBits, length);
        }
        uint lo = BinaryPrimitives.ReadUInt32LittleEndian(entry[ChunkFormat.IndexStartBlockLo..]);
        ushort hi = BinaryPrimitives.ReadUInt16LittleEndian(entry[ChunkFormat.IndexStartBlockHi..]);
        int device = BinaryPrimitives.ReadUInt16LittleEndian(entry[ChunkFormat.IndexDeviceId..]) & deviceIdMask;
        bool wide = (format & ChunkFormat.Layout48Bit) != 0;
        if (lo == ChunkFormat.NullAddress && (!wide || hi is 0 or 0xFFFF))
            return new Extent(start, length, ExtentKind.Hole, 0, 0, 0);
        ulong startBlock = lo | (wide ? (ulong)hi << 32 : 0);
        return new Extent(start, length, ExtentKind.Plain, device, (long)(startBlock << blockSizeBits), length);
    }

    public static long AlignUp(long value, int unit) => (value + unit - 1) & ~(long)(unit - 1);
}
