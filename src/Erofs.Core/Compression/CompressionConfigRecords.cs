using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Compression;

/// <summary>
/// Walks the COMPR_CFGS records: for each available algorithm in id order, at a 4-aligned offset,
/// <c>le16 len</c> then <c>len</c> payload bytes. Payload layouts are in erofs-format.md §2.2.
/// </summary>
internal ref struct RecordReader
{
    private readonly Superblock _sb;
    private readonly ReadOnlySpan<byte> _area;
    private readonly long _base;
    private int _pos;
    // Absolute offset of the payload last returned by Next, for error messages.
    private long _payload;

    /// <summary>Starts at the first record; <paramref name="area"/> begins at absolute 1024 + sb.Size.</summary>
    public RecordReader(Superblock sb, ReadOnlySpan<byte> area)
    {
        _sb = sb;
        _area = area;
        _base = Superblock.Position + sb.Size;
        _pos = 0;
        _payload = 0;
    }

    /// <summary>Reads one record per bit of the bitmap and builds the configuration.</summary>
    public CompressionConfig ReadAll()
    {
        var config = new CompressionConfig
        {
            AvailableAlgorithms = _sb.U1,
            HasConfigRecords = true,
            IsCompressedFilesystem = _sb.U1 != 0,
        };
        for (int id = 0; id < CompressionAlgorithms.Count; id++)
        {
            var algorithm = (CompressionAlgorithm)id;
            if (config.IsAvailable(algorithm))
                config = Apply(config, algorithm, Next(algorithm));
        }
        return config;
    }

    private CompressionConfig Apply(CompressionConfig config, CompressionAlgorithm algorithm, ReadOnlySpan<byte> p) => algorithm switch
    {
        CompressionAlgorithm.Lz4 => Lz4(config, p),
        CompressionAlgorithm.Lzma => Lzma(config, p),
        CompressionAlgorithm.Deflate => Deflate(config, p),
        _ => Zstd(config, p),
    };

    private ReadOnlySpan<byte> Next(CompressionAlgorithm algorithm)
    {
        long absolute = _base + _pos;
        int aligned = (int)(((absolute + 3) & ~3L) - _base);
        if (aligned + 2 > _area.Length)
            throw Error($"the {algorithm.Name()} record starts past the superblock's block", _base + aligned);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(_area[aligned..]);
        if (length == 0)
            throw Error($"the {algorithm.Name()} record has length 0", _base + aligned);
        if (aligned + 2 + length > _area.Length)
            throw Error($"the {algorithm.Name()} record ({length} bytes) runs past the superblock's block", _base + aligned);
        int minimum = algorithm is CompressionAlgorithm.Lz4 or CompressionAlgorithm.Lzma ? 14 : 6;
        if (length < minimum)
            throw Error($"the {algorithm.Name()} record is {length} bytes, need {minimum}", _base + aligned);
        _pos = aligned + 2 + length;
        _payload = _base + aligned + 2;
        return _area.Slice(aligned + 2, length);
    }

    private CompressionConfig Lz4(CompressionConfig config, ReadOnlySpan<byte> p)
    {
        ushort blocks = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        blocks = Math.Max(blocks, (ushort)1);
        if ((long)blocks * _sb.BlockSize > CompressionConfig.MaxPclusterBytes)
            throw Error($"LZ4 max_pclusterblks {blocks} exceeds 1 MiB", _payload + 2);
        return config with { Lz4MaxDistance = BinaryPrimitives.ReadUInt16LittleEndian(p), Lz4MaxPclusterBlocks = blocks };
    }

    private CompressionConfig Lzma(CompressionConfig config, ReadOnlySpan<byte> p)
    {
        uint dictionary = BinaryPrimitives.ReadUInt32LittleEndian(p);
        if (dictionary > CompressionConfig.MaxLzmaDictionary)
            throw Error($"LZMA dict_size {dictionary} exceeds 8 MiB", _payload);
        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(p[4..]);
        if (format != 0)
            throw Error($"LZMA format {format} is not MicroLZMA (0)", _payload + 4);
        return config with { LzmaDictionarySize = dictionary };
    }

    private CompressionConfig Deflate(CompressionConfig config, ReadOnlySpan<byte> p)
    {
        if (p[0] is < 8 or > 15)
            throw Error($"DEFLATE windowbits {p[0]} is outside 8..15", _payload);
        return config with { DeflateWindowBits = p[0] };
    }

    private CompressionConfig Zstd(CompressionConfig config, ReadOnlySpan<byte> p)
    {
        if (p[0] != 0)
            throw Error($"Zstd format {p[0]} is unknown (expected 0)", _payload);
        if (p[1] > CompressionConfig.MaxZstdWindowLog)
            throw Error($"Zstd windowlog {p[1]} means a window over 1 MiB", _payload + 1);
        return config with { ZstdWindowLog = p[1] };
    }

    private static ErofsContentException Error(string what, long offset)
        => new($"compression configuration: {what}", offset: offset);
}
