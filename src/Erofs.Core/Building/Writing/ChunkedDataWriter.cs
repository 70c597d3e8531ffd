using System.Security.Cryptography;
using Erofs.Building.Layout;
using Erofs.Format;

namespace Erofs.Building.Writing;

/// <summary>
/// Chunk-based files: hash every chunk (in parallel), give identical chunks one copy and all-zero
/// chunks no blocks at all (in inode order, so the result does not depend on thread timing), then
/// copy each unique chunk to the image or the blob device.
/// </summary>
internal sealed class ChunkedDataWriter(int blockSize, bool fingerprints)
{
    private readonly Dictionary<InodePlan, ChunkDigest[]> _digests = [];
    private readonly List<(InodePlan Inode, long Chunk, long Offset)> _copies = [];

    /// <summary>Phase 1 (thread-safe per inode): digests of each chunk, and the file's fingerprint.</summary>
    public void Hash(InodePlan inode, byte[] buffer)
    {
        var table = inode.Chunks!;
        long chunkSize = 1L << table.ChunkBits;
        var digests = new ChunkDigest[table.Count];
        using var whole = fingerprints ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        using var chunk = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        bool zero = true;
        ContentReading.ForEachPiece(inode, buffer, (offset, piece) =>
        {
            whole?.AppendData(piece.Span);
            for (int pos = 0; pos < piece.Length;)
            {
                long at = offset + pos;
                long chunkEnd = (at / chunkSize + 1) * chunkSize;
                int n = (int)Math.Min(chunkEnd - at, piece.Length - pos);
                var part = piece.Span.Slice(pos, n);
                chunk.AppendData(part);
                zero &= !part.ContainsAnyExcept((byte)0);
                pos += n;
                at += n;
                if (at == chunkEnd || at == (long)inode.Size)
                {
                    long index = (at - 1) / chunkSize;
                    digests[index] = ChunkDigest.Of(chunk.GetHashAndReset(), (int)(at - index * chunkSize), zero);
                    zero = true;
                }
            }
        });
        if (whole is not null)
            inode.Fingerprint = whole.GetHashAndReset();
        lock (_digests)
            _digests[inode] = digests;
    }

    /// <summary>
    /// Phase 2 (sequential, inode order): block addresses. Returns the next free block of the target.
    /// </summary>
    // cursor: First free block of the target (image data area or blob device).
    // device: Device id written in chunk indexes (0 = primary).
    // unifiedBase: Added to block map entries (the blob device's unified address, else 0).
    public ulong Assign(IEnumerable<InodePlan> inodes, ulong cursor, ushort device, ulong unifiedBase)
    {
        var known = new Dictionary<ChunkDigest, ulong>();
        foreach (var inode in inodes)
        {
            var table = inode.Chunks!;
            var digests = _digests[inode];
            for (long i = 0; i < table.Count; i++)
            {
                var d = digests[i];
                if (d.Zero)
                {
                    table.Entries[i] = (ChunkFormat.NullAddress, 0);
                    continue;
                }
                if (!known.TryGetValue(d, out ulong block))
                {
                    block = cursor;
                    known.Add(d, block);
                    _copies.Add((inode, i, checked((long)block * blockSize)));
                    cursor += (ulong)((d.Length + blockSize - 1) / blockSize);
                }
                table.Entries[i] = table.Indexes ? (block, device) : (unifiedBase + block, (ushort)0);
            }
        }
        return cursor;
    }

    /// <summary>Phase 3: copies the unique chunks; parallel over files.</summary>
    public void Copy(OutputFile target, int threads)
    {
        var byInode = _copies.GroupBy(c => c.Inode).ToList();
        Workers.ForEach(byInode, threads, group =>
        {
            var inode = group.Key;
            long chunkSize = 1L << inode.Chunks!.ChunkBits;
            var buffer = new byte[Math.Min(chunkSize, ContentReading.PieceSize)];
            using var reader = inode.Node.Content!.Open();
            foreach (var (_, chunk, destination) in group)
            {
                long start = chunk * chunkSize;
                long end = Math.Min(start + chunkSize, (long)inode.Size);
                for (long at = start; at < end; at += buffer.Length)
                {
                    int n = (int)Math.Min(buffer.Length, end - at);
                    ContentReading.ReadAt(inode, reader, at, buffer.AsSpan(0, n));
                    target.Write(destination + (at - start), buffer.AsSpan(0, n));
                }
            }
        });
    }

    /// <summary>SHA-256 and length of one chunk: equal digests mean equal chunks (40 bytes, no allocation).</summary>
    private readonly record struct ChunkDigest(ulong H0, ulong H1, ulong H2, ulong H3, int Length, bool Zero)
    {
        public static ChunkDigest Of(byte[] sha256, int length, bool zero) => new(
            BitConverter.ToUInt64(sha256, 0), BitConverter.ToUInt64(sha256, 8),
            BitConverter.ToUInt64(sha256, 16), BitConverter.ToUInt64(sha256, 24), length, zero);
    }
}
