using System.Security.Cryptography;
using Erofs.Building.Compressed;
using Erofs.Building.Layout;
using Erofs.Building.Writing;

namespace Erofs.Building.Compressing;

/// <summary>
/// <c>-E dedupe</c>: an extent whose pcluster is byte-identical to one stored earlier (same stored bytes, format
/// and decoded length, hence the same decoded bytes) points at that pcluster instead of storing its own. Whole
/// pclusters only (no partial references): it finds duplicate files and 16 MiB-aligned duplicate segments, not
/// shifted repeats as mkfs.erofs's rolling hash does. "Earlier" is inode order, so the result does not depend on
/// threads. Only files sure to stay compressed are origins (their blocks must exist).
/// </summary>
internal static class PclusterDeduplicator
{
    public static void Run(List<InodePlan> inodes, PclusterSpool spool, int blockSize, int threads)
    {
        var files = inodes.Where(i => i.Compressed is not null).Select(i => i.Compressed!).ToList();
        var digests = new Dictionary<CompressedFile, byte[][]>();
        Workers.ForEach(files, threads, file =>
        {
            var hashes = Hash(file, spool, blockSize);
            lock (digests)
                digests[file] = hashes;
        });
        var seen = new Dictionary<(PclusterFormat, int, string), (CompressedFile File, int Extent)>();
        foreach (var file in files)
        {
            bool origin = SureToStayCompressed(file, blockSize);
            for (int i = 0; i < file.Extents.Length; i++)
            {
                var e = file.Extents[i];
                if (e.IsInline)
                    continue;
                var key = (e.Format, e.Length, Convert.ToHexString(digests[file][i]));
                if (seen.TryGetValue(key, out var first))
                    file.Share(i, first.File, first.Extent);
                else if (origin)
                    seen[key] = (file, i);
            }
        }
    }

    /// <summary>Compressed even with full indexes and the inline tail in a block (the shape planner's worst case).</summary>
    private static bool SureToStayCompressed(CompressedFile file, int blockSize)
    {
        long blocks = file.Extents.Sum(e => (long)e.Blocks) + (file.Segments[^1].Tail is null ? 0 : 1);
        long fullIndexes = FullIndexWriter.Size((file.Size + blockSize - 1) / blockSize);
        return blocks * blockSize + fullIndexes < file.Size;
    }

    private static byte[][] Hash(CompressedFile file, PclusterSpool spool, int blockSize)
    {
        var hashes = new byte[file.Extents.Length][];
        for (int i = 0; i < hashes.Length; i++)
        {
            var e = file.Extents[i];
            if (e.IsInline)
                continue;
            var source = file.SourceOf(i);
            var bytes = new byte[e.Blocks * blockSize];
            spool.Read(source.Segment.Data, source.Block * blockSize, bytes);
            hashes[i] = SHA256.HashData(bytes);
        }
        return hashes;
    }
}
