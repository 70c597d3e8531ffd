using System.Buffers;
using Erofs.Building.Layout;
using Erofs.Building.Compressing;

namespace Erofs.Building.Writing;

/// <summary>Copies a compressed file's spooled pclusters to its blocks, in file order from its first block.</summary>
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
            foreach (var segment in file.Segments)
            {
                for (int done = 0; done < segment.Data.Length; done += CopyBytes)
                {
                    var piece = buffer.AsSpan(0, Math.Min(CopyBytes, segment.Data.Length - done));
                    spool.Read(segment.Data, done, piece);
                    output.Write(at, piece);
                    at += piece.Length;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (file.TailInBlock)
            output.Write(at, file.TailBlock(blockSize));
    }
}
