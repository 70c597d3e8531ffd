using System.Security.Cryptography;
using Erofs.Building.Layout;
using Erofs.Reading;

namespace Erofs.Building.Writing;

/// <summary>
/// Copies flat files and symlink targets into the image: whole blocks to the data area, the tail
/// inline (into the metadata buffer) or zero-padded to a block; hashes the content for fingerprints.
/// </summary>
internal sealed class FlatDataWriter(OutputFile output, byte[] meta, int blockSize, bool fingerprints)
{
    public void WriteFile(InodePlan inode, byte[] buffer)
    {
        using var hash = fingerprints ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        long blockBytes = inode.DataBlocks * blockSize;
        ContentReading.ForEachPiece(inode, buffer, (offset, piece) =>
        {
            hash?.AppendData(piece.Span);
            Place(inode, offset, piece.Span, blockBytes);
        });
        if (hash is not null)
            inode.Fingerprint = hash.GetHashAndReset();
    }

    public void WriteSymlink(InodePlan inode)
    {
        var target = inode.Node.LinkTarget ?? [];
        Place(inode, 0, target, inode.DataBlocks * blockSize);
    }

    /// <summary>Hashes content that stays elsewhere (index mode).</summary>
    public static void HashOnly(InodePlan inode, byte[] buffer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ContentReading.ForEachPiece(inode, buffer, (_, piece) => hash.AppendData(piece.Span));
        inode.Fingerprint = hash.GetHashAndReset();
    }

    private void Place(InodePlan inode, long offset, ReadOnlySpan<byte> piece, long blockBytes)
    {
        int inBlocks = (int)Math.Clamp(blockBytes - offset, 0, piece.Length);
        if (inBlocks > 0)
            output.Write((long)inode.StartBlock * blockSize + offset, piece[..inBlocks]);
        if (inBlocks == piece.Length)
            return;
        // Whatever lies past the whole blocks is the inline tail (plain layouts count their last,
        // partial block among DataBlocks, so nothing of theirs gets here).
        long tailOffset = offset + inBlocks - blockBytes;
        piece[inBlocks..].CopyTo(meta.AsSpan(checked((int)(inode.TailOffset + tailOffset))));
    }
}
