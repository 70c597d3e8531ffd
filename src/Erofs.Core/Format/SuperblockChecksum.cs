using System.Buffers.Binary;
using System.Numerics;

namespace Erofs.Format;

/// <summary>
/// The superblock checksum: CRC-32C (Castagnoli) with initial register 0xFFFFFFFF and no final
/// inversion, over the first block from byte 1024 with the checksum field zeroed.
/// </summary>
public static class SuperblockChecksum
{
    /// <summary>Number of bytes covered, starting at absolute offset 1024.</summary>
    public static int CoveredLength(int blockSize) => blockSize > Superblock.Position ? blockSize - Superblock.Position : blockSize;

    /// <summary>Computes the checksum of <paramref name="covered"/> (the checksum field is treated as zero).</summary>
    public static uint Compute(ReadOnlySpan<byte> covered)
    {
        uint crc = 0xFFFFFFFF;
        crc = Update(crc, covered[..Superblock.Offsets.Checksum]);
        crc = Update(crc, stackalloc byte[4]);
        return Update(crc, covered[(Superblock.Offsets.Checksum + 4)..]);
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data)
            crc = BitOperations.Crc32C(crc, b);
        return crc;
    }
}
