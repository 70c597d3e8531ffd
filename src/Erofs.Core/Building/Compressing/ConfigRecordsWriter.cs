using System.Buffers.Binary;
using Erofs.Compression;

namespace Erofs.Building.Compressing;

/// <summary>
/// Encodes the superblock's compression fields: u1 and, with COMPR_CFGS, one record per available algorithm
/// in id order right after the superblock (erofs-format.md §2.2): 4-aligned, le16 length, payload.
/// </summary>
internal static class ConfigRecordsWriter
{
    /// <summary>u1: the algorithm bitmap with records, LZ4's max distance without.</summary>
    public static ushort U1(CompressionConfig config)
        => config.HasConfigRecords ? config.AvailableAlgorithms : config.Lz4MaxDistance;

    /// <summary>The records, to be written at <paramref name="start"/> (absolute, 1024 + superblock size).</summary>
    public static byte[] Encode(CompressionConfig config, long start)
    {
        if (!config.HasConfigRecords)
            return [];
        var bytes = new List<byte>();
        foreach (var algorithm in config.Algorithms)
        {
            while ((start + bytes.Count) % 4 != 0)
                bytes.Add(0);
            byte[] payload = Payload(config, algorithm);
            bytes.Add((byte)payload.Length);
            bytes.Add((byte)(payload.Length >> 8));
            bytes.AddRange(payload);
        }
        return [.. bytes];
    }

    private static byte[] Payload(CompressionConfig config, CompressionAlgorithm algorithm)
    {
        byte[] p;
        switch (algorithm)
        {
            case CompressionAlgorithm.Lz4:
                p = new byte[14];
                BinaryPrimitives.WriteUInt16LittleEndian(p, config.Lz4MaxDistance);
                BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(2), config.Lz4MaxPclusterBlocks);
                return p;
            case CompressionAlgorithm.Lzma:
                p = new byte[14];
                BinaryPrimitives.WriteUInt32LittleEndian(p, config.LzmaDictionarySize);
                return p;
            case CompressionAlgorithm.Deflate:
                p = new byte[6];
                p[0] = config.DeflateWindowBits;
                return p;
            default:
                p = new byte[6];
                p[1] = config.ZstdWindowLog;
                return p;
        }
    }
}
