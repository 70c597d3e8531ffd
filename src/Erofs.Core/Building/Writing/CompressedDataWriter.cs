using System.Buffers;
using Erofs.Building.Compressing;
using Erofs.Building.Layout;

namespace Erofs.Building.Writing;

/// <summary>Copies a compressed file's own spooled pclusters to its blocks, in file order from its first block.</summary>
internal static class CompressedDataWriter
{
    private const int CopyBytes = 1 << 20;

    public static void Write(InodePlan inode, PclusterSpool spool, OutputFile output, int blockSize)
    {
        var file = inode.Compressed!;
        long at = (long)inode.StartBlock * blockSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBytes);
        try
        {
            if (file.HasSharedExtents)
                CopyOwnExtents(file, spool, output, blockSize, buffer);
            else
                foreach (var segment in file.Segments)
                    at = Copy(spool, segment.Data, 0, segment.Data.Length, output, at, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (file.TailInBlock)
            output.Write(((long)inode.StartBlock + file.OwnedBlocks - 1) * blockSize, file.TailBlock(blockSize));
    }

    private static void CopyOwnExtents(CompressedFile file, PclusterSpool spool, OutputFile output, int blockSize, byte[] buffer)
    {
        for (int i = 0; i < file.Extents.Length; i++)
        {
            var e = file.Extents[i];
            if (e.IsInline || file.IsShared(i))
                continue;
            var source = file.SourceOf(i);
            Copy(spool, source.Segment.Data, source.Block * blockSize, e.Blocks * blockSize, output, (long)file.BlockOf(i) * blockSize, buffer);
        }
    }

    private static long Copy(PclusterSpool spool, SpoolEntry entry, int offset, int length, OutputFile output, long at, byte[] buffer)
    {
        for (int done = 0; done < length; done += CopyBytes)
        {
            var piece = buffer.AsSpan(0, Math.Min(CopyBytes, length - done));
            spool.Read(entry, offset + done, piece);
            output.Write(at, piece);
            at += piece.Length;
        }
        return at;
    }
}
