using Erofs.Building.Source;
using Erofs.Format;

namespace Erofs.Building.Layout;

/// <summary>
/// Index mode: points file data at the archive, which is extra device 1 starting at unified block
/// <c>unifiedBase</c>. Dense files become flat inodes; sparse ones get one chunk per block.
/// </summary>
internal static class ArchiveAddressing
{
    public static void Assign(InodePlan inode, ulong unifiedBase, int blockSize)
    {
        var located = (ILocatedContent)inode.Node.Content!;
        if (inode.Chunks is not { } table)
        {
            inode.StartBlock = unifiedBase + (ulong)(located.Locations.Count > 0 ? located.Locations[0].ArchiveOffset / blockSize : 0);
            return;
        }
        for (long i = 0; i < table.Count; i++)
            table.Entries[i] = (ChunkFormat.NullAddress, 0);
        long chunkSize = 1L << table.ChunkBits;
        foreach (var run in located.Locations)
        {
            for (long at = 0; at < run.Length; at += chunkSize)
            {
                long chunk = (run.LogicalOffset + at) >> table.ChunkBits;
                ulong block = (ulong)((run.ArchiveOffset + at) / blockSize);
                table.Entries[chunk] = table.Indexes ? (block, (ushort)1) : (unifiedBase + block, (ushort)0);
            }
        }
    }
}
