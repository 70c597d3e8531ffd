using Erofs.Building.Compressed;
using Erofs.Format;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Re-encodes every compressed inode of an image from the model the reader decodes and compares with
/// the image: map header and index bytes, datalayout, i_u, header offset, predicted index size.
/// </summary>
internal static class ZIndexOracle
{
    public sealed record Result(int Matched, int EncodedExtents, List<string> Failures, ZIndexCoverage Coverage)
    {
        public override string ToString()
            => $"{Matched} of {Matched + Failures.Count} compressed inodes re-encode byte for byte ({EncodedExtents} with 48-bit encoded extents not compared)";
    }

    /// <param name="image">The image.</param>
    /// <param name="staleInlineSize">
    /// mkfs.erofs 1.5 leaves h_idata_size set when it drops an inline tail that did not fit its block
    /// (it clears only the INLINE advise; 1.9.3 clears both) and leaves the block it allocates for the tail
    /// out of i_u (1.9.3 counts it). With this set both are accepted (and counted) for such inodes.
    /// </param>
    public static Result Check(CompressedCorpusImage image, bool staleInlineSize = false)
    {
        int matched = 0, encodedExtents = 0;
        var failures = new List<string>();
        var coverage = new ZIndexCoverage();
        foreach (var disk in image.CompressedInodes())
        {
            if (disk.UsesEncodedExtents)
            {
                encodedExtents++;
                continue;
            }
            string? problem = Compare(image, disk, coverage, staleInlineSize);
            if (problem is null)
                matched++;
            else
                failures.Add($"nid {disk.Inode.Nid} ({disk.Inode.Size} bytes): {problem}");
        }
        return new Result(matched, encodedExtents, failures, coverage);
    }

    private static string? Compare(CompressedCorpusImage image, DiskCompressedInode disk, ZIndexCoverage coverage, bool staleInlineSize)
    {
        var map = disk.ToMap(image.Mapper);
        coverage.Add(map, disk.Format, disk.InodeAndXattrSize);
        EncodedZIndex encoded;
        try
        {
            encoded = ZIndexEncoder.Encode(map, disk.Format, disk.InodeAndXattrSize);
        }
        catch (ArgumentException e)
        {
            return $"{e.Message}; header {disk.Header}; extents:\n  {string.Join("\n  ", map.Extents)}";
        }
        byte[] onDisk = disk.Read(disk.HeaderPosition, encoded.Bytes.Length);
        uint diskBlocks = disk.Inode.RawU;
        if (staleInlineSize && IsStaleInlineSize(disk))
        {
            // 1.5 also forgot the tail block it then allocated in i_u (fixed later: "add missing block counting").
            coverage.Add("stale h_idata_size (mkfs 1.5)");
            onDisk[2] = onDisk[3] = 0;
            diskBlocks++;
        }
        if (!encoded.Bytes.AsSpan().SequenceEqual(onDisk))
            return $"bytes differ at {FirstDifference(encoded.Bytes, onDisk)}:\n ours {Convert.ToHexString(encoded.Bytes)}\n disk {Convert.ToHexString(onDisk)}";
        if (encoded.Layout != disk.Inode.Layout)
            return $"layout {encoded.Layout}, disk {disk.Inode.Layout}";
        if (encoded.Blocks != diskBlocks)
            return $"i_u {encoded.Blocks}, disk {disk.Inode.RawU}";
        if (encoded.HeaderOffset != disk.HeaderPosition - disk.Inode.Location)
            return $"header offset {encoded.HeaderOffset}";
        if (!map.IsWholeFileFragment && ZIndexSize.Of(disk.Format, map.Size, disk.InodeAndXattrSize) != encoded.Bytes.Length)
            return "predicted size differs";
        return CheckInlineTail(map, disk, encoded);
    }

    // The reader finds the inline tail right after the index area: where the predicted size puts it.
    private static string? CheckInlineTail(CompressedFileMap map, DiskCompressedInode disk, EncodedZIndex encoded)
    {
        if (map.IsWholeFileFragment || map.Tail.Placement != PclusterPlacement.Inline)
            return null;
        if (encoded.InlineSize != disk.Header.InlineDataSize)
            return $"inline size {encoded.InlineSize}, header {disk.Header.InlineDataSize}";
        return null;
    }

    private static bool IsStaleInlineSize(DiskCompressedInode disk)
    {
        var tail = ZMapHeader.AdviseFlags.InlinePcluster | ZMapHeader.AdviseFlags.FragmentPcluster;
        return !disk.Header.IsWholeFileFragment && (disk.Header.Flags & tail) == 0 && disk.Header.InlineDataSize != 0;
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        return i;
    }
}
