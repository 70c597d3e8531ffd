using Erofs.Building.Source;

namespace Erofs.Building.Tar;

/// <summary>
/// GNU sparse maps: the old GNU 'S' header (4 descriptors, then 21 per extension block) and the
/// PAX 1.0 map stored as decimal lines at the start of the data, padded to a block. Data runs are
/// stored one after another, so a run's archive offset is the data start plus earlier run lengths.
/// </summary>
internal static class TarSparseMaps
{
    /// <summary>Most map entries accepted for one file.</summary>
    public const int MaxEntries = 1 << 20;

    private const int DescriptorSize = 24, NumberSize = 12;
    private const int HeaderMapOffset = 386, HeaderDescriptors = 4, HeaderIsExtendedOffset = 482;
    private const int ExtensionDescriptors = 21, ExtensionIsExtendedOffset = 504;

    /// <summary>Reads an old GNU map; <paramref name="dataOffset"/> is where the data follows the extension blocks.</summary>
    public static List<(long Offset, long Length)> ReadOldGnu(
        TarHeader header, TarSource source, Func<string, InvalidSourceException> fail, out long dataOffset)
    {
        var map = new List<(long, long)>();
        ReadDescriptors(header.Block.Slice(HeaderMapOffset, HeaderDescriptors * DescriptorSize), map, fail);
        dataOffset = header.Offset + TarHeader.BlockSize;
        bool extended = header.Block[HeaderIsExtendedOffset] != 0;
        var block = new byte[TarHeader.BlockSize];
        while (extended)
        {
            if (source.Length - dataOffset < TarHeader.BlockSize)
                throw fail($"archive ends inside a sparse extension header at offset {dataOffset}");
            source.ReadExactly(dataOffset, block);
            ReadDescriptors(block.AsSpan(0, ExtensionDescriptors * DescriptorSize), map, fail);
            extended = block[ExtensionIsExtendedOffset] != 0;
            dataOffset += TarHeader.BlockSize;
        }
        return map;
    }

    private static void ReadDescriptors(ReadOnlySpan<byte> area, List<(long, long)> map, Func<string, InvalidSourceException> fail)
    {
        for (int i = 0; i + DescriptorSize <= area.Length && area[i] != 0; i += DescriptorSize)
        {
            if (!TarNumbers.TryParseField(area.Slice(i, NumberSize), true, false, out long offset)
                || !TarNumbers.TryParseField(area.Slice(i + NumberSize, NumberSize), true, false, out long length))
                throw fail("old GNU sparse map holds a field that is not a number");
            Add(map, offset, length, fail);
        }
    }

    /// <summary>Reads a PAX 1.0 map at the start of the data; <paramref name="mapBytes"/> is its padded size.</summary>
    public static List<(long Offset, long Length)> ReadFromData(
        TarSource source, long dataOffset, long size, Func<string, InvalidSourceException> fail, out long mapBytes)
    {
        var text = new SparseMapText(source, dataOffset, size, fail);
        long count = text.Next();
        if (count > MaxEntries)
            throw fail($"sparse map of {count} entries is larger than {MaxEntries}");
        var map = new List<(long, long)>((int)count);
        for (long i = 0; i < count; i++)
            Add(map, text.Next(), text.Next(), fail);
        mapBytes = RoundUp(text.Consumed);
        if (mapBytes > size)
            throw fail("sparse map with its padding is larger than the entry data");
        return map;
    }

    private static void Add(List<(long, long)> map, long offset, long length, Func<string, InvalidSourceException> fail)
    {
        if (map.Count == MaxEntries)
            throw fail($"sparse map has more than {MaxEntries} entries");
        map.Add((offset, length));
    }

    /// <summary>Checks the map against the real size and the stored bytes and locates each run.</summary>
    /// <returns>The content, or null for an empty file.</returns>
    public static TarContent? Build(List<(long Offset, long Length)> map, long realSize, long dataStart, long storedSize,
        TarSource source, Func<string, InvalidSourceException> fail)
    {
        if (realSize < 0)
            throw fail($"sparse real size {realSize} is negative");
        var runs = new List<LocatedRange>(map.Count);
        long previousEnd = 0, stored = 0; // runs ascend without overlap, so stored <= realSize
        foreach (var (offset, length) in map)
        {
            if (offset < previousEnd)
                throw fail($"sparse map entry at {offset} overlaps or precedes the previous one");
            if (offset > realSize || length > realSize - offset)
                throw fail($"sparse map entry {offset}+{length} lies past the real size {realSize}");
            if (length > storedSize - stored)
                throw fail($"sparse map describes more data bytes than the {storedSize} the entry stores");
            if (length > 0)
                runs.Add(new LocatedRange(offset, length, dataStart + stored));
            stored += length;
            previousEnd = offset + length;
        }
        return realSize == 0 ? null : new TarContent(source, realSize, [.. runs], sparse: true);
    }

    /// <summary>Rounds up to a whole number of blocks.</summary>
    public static long RoundUp(long size) => (size + TarHeader.BlockSize - 1) & ~(long)(TarHeader.BlockSize - 1);
}
