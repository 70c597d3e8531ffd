using System.Buffers;
using System.Security.Cryptography;
using Erofs.Building.Layout;
using Erofs.Building.Source;
using Erofs.Building.Writing;

namespace Erofs.Building.Compressing;

/// <summary>
/// <c>-E fragments</c> / <c>all-fragments</c>: lays the files' fragments out back to back in the packed inode, in
/// inode order, storing identical fragments once (fragdedupe: same length and SHA-256), and makes the packed
/// inode itself: a regular file that no directory links, owned by root, whose nid the superblock records.
/// Offsets depend only on the tree, never on threads.
/// </summary>
internal static class FragmentPacker
{
    /// <summary>Path shown in messages about the packed inode.</summary>
    public const string PackedPath = "(packed inode)";

    private const uint PackedMode = 0x8000 | 0x1A4; // S_IFREG | 0644, as mkfs.erofs writes it

    /// <summary>Sets every fragment's offset and returns the packed inode, or null when no file has a fragment.</summary>
    public static InodePlan? Pack(List<InodePlan> inodes, bool dedupe, ImageTime time, int threads)
    {
        var owners = inodes.Where(i => i.Compressed is { HasFragment: true }).ToList();
        if (owners.Count == 0)
            return null;
        var digests = dedupe ? Digests(owners, threads) : null;
        var pieces = new List<FragmentPiece>();
        var seen = new Dictionary<(long Length, string Digest), long>();
        long cursor = 0;
        for (int i = 0; i < owners.Count; i++)
        {
            var file = owners[i].Compressed!;
            long length = file.FragmentLength;
            if (digests is not null && seen.TryGetValue((length, digests[i]), out long earlier))
            {
                file.FragmentOffset = (ulong)earlier;
                continue;
            }
            if (digests is not null)
                seen[(length, digests[i])] = cursor;
            pieces.Add(new FragmentPiece(owners[i], file.FragmentStart!.Value, length, cursor));
            file.FragmentOffset = (ulong)cursor;
            cursor += length;
        }
        return NewPackedInode(new PackedContent(pieces), (uint)inodes.Count + 1, time);
    }

    private static InodePlan NewPackedInode(PackedContent content, uint ino, ImageTime time)
    {
        var node = new SourceNode { Mode = PackedMode, Content = content, MtimeSeconds = time.Seconds, MtimeNanoseconds = time.Nanoseconds };
        return new InodePlan(node, PackedPath)
        {
            IsPackedInode = true,
            Ino = ino,
            Nlink = 1,
            Size = (ulong)content.Length,
            MtimeSeconds = time.Seconds,
            MtimeNanoseconds = time.Nanoseconds,
        };
    }

    private static string[] Digests(List<InodePlan> owners, int threads)
    {
        var digests = new string[owners.Count];
        Workers.ForEach(Enumerable.Range(0, owners.Count), threads, i => digests[i] = Digest(owners[i]));
        return digests;
    }

    private static string Digest(InodePlan owner)
    {
        var file = owner.Compressed!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ContentReading.PieceSize);
        try
        {
            using var reader = OpenSource(owner);
            for (long at = file.FragmentStart!.Value; at < file.Size; at += ContentReading.PieceSize)
            {
                var piece = buffer.AsSpan(0, (int)Math.Min(ContentReading.PieceSize, file.Size - at));
                ContentReading.ReadAt(owner, reader, at, piece);
                hash.AppendData(piece);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static IContentReader OpenSource(InodePlan owner)
    {
        try
        {
            return owner.Node.Content!.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSourceException($"{owner.Path}: cannot read: {e.Message}", e);
        }
    }
}
