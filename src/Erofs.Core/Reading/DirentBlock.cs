using Erofs.Format;

namespace Erofs.Reading;

/// <summary>
/// A view of one directory block (dirents first, then names), validated as it is read so lookups
/// can binary-search it without decoding or allocating every entry.
/// </summary>
internal readonly ref struct DirentBlock
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly ulong _nid;
    private readonly long _blockOffset;
    private readonly Func<long, long?>? _locate;
    private readonly int _namesStart;
    private readonly int _maxNameLength;

    /// <param name="block">The block's bytes.</param>
    /// <param name="nid">The directory.</param>
    /// <param name="blockOffset">Offset of the block inside the directory's content.</param>
    /// <param name="locate">Turns a directory offset into an image offset for error messages, when it has one.</param>
    /// <param name="maxNameLength">Longest name accepted (the format's 255, or a lower <see cref="ReadLimits.MaxNameLength"/>).</param>
    public DirentBlock(ReadOnlySpan<byte> block, ulong nid, long blockOffset, Func<long, long?>? locate = null, int maxNameLength = DirectoryReader.MaxNameLength)
    {
        _maxNameLength = maxNameLength;
        _block = block;
        _nid = nid;
        _blockOffset = blockOffset;
        _locate = locate;
        if (block.Length < Dirent.Size)
            throw Corrupt($"directory block of {block.Length} bytes is too short", 0);
        var first = Dirent.Parse(block);
        if (first.NameOffset < Dirent.Size || first.NameOffset >= block.Length || first.NameOffset % Dirent.Size != 0)
            throw Corrupt($"invalid first dirent name offset {first.NameOffset}", 0);
        _namesStart = first.NameOffset;
        Count = first.NameOffset / Dirent.Size;
    }

    /// <summary>Number of entries in the block.</summary>
    public int Count { get; }

    /// <summary>The dirent header of entry <paramref name="i"/>.</summary>
    public Dirent Header(int i)
    {
        var d = Dirent.Parse(_block[(i * Dirent.Size)..]);
        if (d.FileType > Dirent.MaxFileType)
            throw Corrupt($"dirent {i} has unknown file type {d.FileType}", i * Dirent.Size);
        return d;
    }

    /// <summary>The name of entry <paramref name="i"/>; the last one ends at a NUL or the block end.</summary>
    public ReadOnlySpan<byte> Name(int i)
    {
        int start = Dirent.Parse(_block[(i * Dirent.Size)..]).NameOffset;
        int end = i + 1 < Count ? Dirent.Parse(_block[((i + 1) * Dirent.Size)..]).NameOffset : NameEnd(start);
        if (start < _namesStart || end > _block.Length || end <= start)
            throw Corrupt($"dirent {i} has an invalid name range {start}..{end}", i * Dirent.Size);
        if (end - start > _maxNameLength)
            throw Corrupt($"dirent {i} has a name of {end - start} bytes (max {_maxNameLength})", start);
        var name = _block[start..end];
        if (name.IndexOfAny((byte)0, (byte)'/') >= 0)
            throw Corrupt($"dirent {i} has a name containing NUL or '/'", start);
        return name;
    }

    /// <summary>Entry <paramref name="i"/> as a standalone value.</summary>
    public DirectoryEntry Entry(int i)
    {
        var header = Header(i);
        return new DirectoryEntry(Name(i).ToArray(), header.Nid, header.FileType);
    }

    /// <summary>Binary search by name; returns the entry index or -1.</summary>
    public int Find(ReadOnlySpan<byte> name)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            int cmp = name.SequenceCompareTo(Name(mid));
            if (cmp == 0)
                return mid;
            if (cmp < 0)
                hi = mid - 1;
            else
                lo = mid + 1;
        }
        return -1;
    }

    // Names the image offset when the directory has one there, else the offset inside the directory.
    private ErofsContentException Corrupt(string message, int relative)
    {
        long dirOffset = _blockOffset + relative;
        return _locate?.Invoke(dirOffset) is { } imageOffset
            ? new ErofsContentException(message, _nid, imageOffset)
            : new ErofsContentException($"{message} at directory offset {dirOffset}", _nid);
    }

    private int NameEnd(int start)
    {
        if (start >= _block.Length)
            return start;
        int nul = _block[start..].IndexOf((byte)0);
        return nul < 0 ? _block.Length : start + nul;
    }
}
