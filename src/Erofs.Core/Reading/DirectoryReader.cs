using Erofs.Format;

namespace Erofs.Reading;

/// <summary>
/// Decodes directory blocks (dirents, then names, each block self-contained) and looks names up
/// by binary search over blocks and entries, as the kernel does.
/// </summary>
internal sealed class DirectoryReader(DataReader data, int blockSize)
{
    /// <summary>Longest name EROFS allows (EROFS_NAME_LEN).</summary>
    public const int MaxNameLength = 255;

    public long BlockCount(InodeInfo dir) => (long)((dir.Size + (ulong)blockSize - 1) / (ulong)blockSize);

    public IEnumerable<DirectoryEntry> Enumerate(InodeInfo dir)
    {
        RequireDirectory(dir);
        long blocks = BlockCount(dir);
        var buffer = new byte[blockSize];
        for (long b = 0; b < blocks; b++)
        {
            foreach (var entry in ReadBlock(dir, b, buffer))
                yield return entry;
        }
    }

    /// <summary>Decodes block <paramref name="index"/> of a directory.</summary>
    public List<DirectoryEntry> ReadBlock(InodeInfo dir, long index, byte[] buffer)
    {
        long offset = index * blockSize;
        int length = (int)Math.Min(blockSize, (long)dir.Size - offset);
        int n = data.Read(dir, offset, buffer.AsSpan(0, length));
        return Parse(buffer.AsSpan(0, n), dir.Nid, offset);
    }

    public DirectoryEntry? Lookup(InodeInfo dir, ReadOnlySpan<byte> name)
    {
        RequireDirectory(dir);
        if (name.IsEmpty || name.Length > MaxNameLength)
            return null;
        var buffer = new byte[blockSize];
        long lo = 0, hi = BlockCount(dir) - 1;
        List<DirectoryEntry>? candidate = null;
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            var entries = ReadBlock(dir, mid, buffer);
            int cmp = Compare(name, entries[0].NameBytes);
            if (cmp == 0)
                return entries[0];
            if (cmp < 0)
            {
                hi = mid - 1;
                continue;
            }
            candidate = entries;
            lo = mid + 1;
        }
        return candidate is null ? null : SearchBlock(candidate, name);
    }

    private static DirectoryEntry? SearchBlock(List<DirectoryEntry> entries, ReadOnlySpan<byte> name)
    {
        int lo = 0, hi = entries.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            int cmp = Compare(name, entries[mid].NameBytes);
            if (cmp == 0)
                return entries[mid];
            if (cmp < 0)
                hi = mid - 1;
            else
                lo = mid + 1;
        }
        return null;
    }

    /// <summary>Byte-wise order of names: memcmp of the common prefix, shorter first.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    // Decodes one self-contained block: dirents first, names after; the last name ends at a NUL or the block end.
    public static List<DirectoryEntry> Parse(ReadOnlySpan<byte> block, ulong nid, long blockOffset)
    {
        if (block.Length < Dirent.Size)
            throw new ErofsContentException($"directory block of {block.Length} bytes is too short", nid, blockOffset);
        var first = Dirent.Parse(block);
        if (first.NameOffset < Dirent.Size || first.NameOffset >= block.Length || first.NameOffset % Dirent.Size != 0)
            throw new ErofsContentException($"invalid first dirent name offset {first.NameOffset}", nid, blockOffset);
        int count = first.NameOffset / Dirent.Size;
        var entries = new List<DirectoryEntry>(count);
        for (int i = 0; i < count; i++)
        {
            var d = Dirent.Parse(block[(i * Dirent.Size)..]);
            int start = d.NameOffset;
            int end = i + 1 < count ? Dirent.Parse(block[((i + 1) * Dirent.Size)..]).NameOffset : NameEnd(block, start);
            if (start < first.NameOffset || end > block.Length || end <= start)
                throw new ErofsContentException($"dirent {i} has an invalid name range {start}..{end}", nid, blockOffset + i * Dirent.Size);
            if (end - start > MaxNameLength)
                throw new ErofsContentException($"dirent {i} has a name of {end - start} bytes (max {MaxNameLength})", nid, blockOffset + start);
            if (block[start..end].IndexOfAny((byte)0, (byte)'/') >= 0)
                throw new ErofsContentException($"dirent {i} has a name containing NUL or '/'", nid, blockOffset + start);
            if (d.FileType > Dirent.MaxFileType)
                throw new ErofsContentException($"dirent {i} has unknown file type {d.FileType}", nid, blockOffset + i * Dirent.Size);
            entries.Add(new DirectoryEntry(block[start..end].ToArray(), d.Nid, d.FileType));
        }
        return entries;
    }

    private static int NameEnd(ReadOnlySpan<byte> block, int start)
    {
        if (start >= block.Length)
            return start;
        int nul = block[start..].IndexOf((byte)0);
        return nul < 0 ? block.Length : start + nul;
    }

    private static void RequireDirectory(InodeInfo dir)
    {
        if (dir.Kind != FileKind.Directory)
            throw new ArgumentException($"nid {dir.Nid} is not a directory", nameof(dir));
    }
}
