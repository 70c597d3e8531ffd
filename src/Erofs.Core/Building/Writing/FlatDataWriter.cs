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
        long dataStart = (long)inode.StartBlock * blockSize;
        int inBlocks = (int)Math.Clamp(blockBytes - offset, 0, piece.Length);
        if (inBlocks > 0)
            output.Write(dataStart + offset, piece[..inBlocks]);
        if (inBlocks == piece.Length)
            return;
        // The rest is the tail: inline in metadata, or the start of the last, zero-padded block.
        var tail = piece[inBlocks..];
        long tailOffset = offset + inBlocks - inode.DataBlocks * blockSize;
        if (inode.Layout == Format.InodeLayout.FlatInline)
            tail.CopyTo(meta.AsSpan(checked((int)(inode.TailOffset + tailOffset))));
        else
            output.Write(dataStart + offset + inBlocks, tail);
    }

    public static bool IsFlatData(InodePlan inode) =>
        inode.Kind is FileKind.Regular or FileKind.Symlink && inode.Size > 0 && inode.Chunks is null
        && (inode.DataBlocks > 0 || inode.TailLength > 0);
}
