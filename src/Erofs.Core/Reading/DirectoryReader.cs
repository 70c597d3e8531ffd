using Erofs.Format;

namespace Erofs.Reading;

/// <summary>
/// Decodes directory blocks (dirents, then names, each block self-contained) and looks names up
/// by binary search over blocks and entries, as the kernel does.
/// </summary>
internal sealed class DirectoryReader(DataReader data, int blockSize, int maxNameLength = DirectoryReader.MaxNameLength)
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
        var bytes = LoadBlock(dir, index, buffer, out long offset);
        var block = new DirentBlock(bytes, dir.Nid, offset, Locator(dir), maxNameLength);
        var entries = new List<DirectoryEntry>(block.Count);
        for (int i = 0; i < block.Count; i++)
            entries.Add(block.Entry(i));
        return entries;
    }

    // Image offset of a directory offset, for error messages (null inside the metabox or compressed data).
    private Func<long, long?> Locator(InodeInfo dir) => offset =>
    {
        try
        {
            var e = data.Map(dir, offset);
            bool inImage = e.Kind == ExtentKind.Plain || (e.Kind == ExtentKind.Inline && (dir.Nid & InodeDecoder.MetaboxBit) == 0);
            return inImage && e.Device == 0 ? e.PhysicalOffset + (offset - e.LogicalOffset) : null;
        }
        catch (ErofsContentException)
        {
            return null; // the mapping itself is damaged: report the directory offset instead
        }
    };

    public DirectoryEntry? Lookup(InodeInfo dir, ReadOnlySpan<byte> name)
    {
        RequireDirectory(dir);
        if (name.IsEmpty || name.Length > maxNameLength)
            return null;
        // Block sizes are at most 4 KiB (validated at open), so the buffer fits on the stack.
        Span<byte> buffer = stackalloc byte[blockSize];
        long lo = 0, hi = BlockCount(dir) - 1, candidate = -1;
        var locate = Locator(dir);
        // Find the last block whose first name is <= name, as the kernel does, then search inside it.
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            var block = new DirentBlock(LoadBlock(dir, mid, buffer, out long offset), dir.Nid, offset, locate, maxNameLength);
            int cmp = name.SequenceCompareTo(block.Name(0));
            if (cmp == 0)
                return block.Entry(0);
            if (cmp < 0)
            {
                hi = mid - 1;
                continue;
            }
            candidate = mid;
            lo = mid + 1;
        }
        if (candidate < 0)
            return null;
        var found = new DirentBlock(LoadBlock(dir, candidate, buffer, out long at), dir.Nid, at, locate, maxNameLength);
        int i = found.Find(name);
        return i < 0 ? null : found.Entry(i);
    }

    /// <summary>Byte-wise order of names: memcmp of the common prefix, shorter first.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    private ReadOnlySpan<byte> LoadBlock(InodeInfo dir, long index, Span<byte> buffer, out long offset)
    {
        offset = index * blockSize;
        int length = (int)Math.Min(blockSize, (long)dir.Size - offset);
        int n = data.Read(dir, offset, buffer[..length]);
        return buffer[..n];
    }

    private static void RequireDirectory(InodeInfo dir)
    {
        if (dir.Kind != FileKind.Directory)
            throw new ArgumentException($"nid {dir.Nid} is not a directory", nameof(dir));
    }
}
