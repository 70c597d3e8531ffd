using System.Buffers;
using Erofs.Compression;
using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// Reads the content of compressed inodes: map the extent, then copy from its decoded bytes
/// (decompressed once into the cache), from the packed inode (fragments), or zeros (holes).
/// </summary>
internal sealed class CompressedDataReader(
    CompressedMapper mapper, DeviceSet devices, Func<ulong, MetadataSpace> spaceOf, Decompressors decompressors,
    PclusterCache cache, Superblock sb, Func<InodeInfo?> packedInode, Func<InodeInfo, long, Memory<byte>, int> readPlain, ReadLimits limits)
{
    private readonly bool _zeroPadding = (sb.FeatureIncompat & FeatureIncompat.ZeroPadding) != 0;
    private readonly PclusterReadAhead _readAhead = new(devices);

    /// <summary>The extent covering <paramref name="offset"/>, checked to really cover it.</summary>
    public ZExtent Map(InodeInfo inode, long offset)
    {
        var e = mapper.Map(inode, offset);
        if (offset < e.LogicalStart || offset >= e.LogicalEnd)
            throw new ErofsContentException($"extent {e.LogicalStart}+{e.Length} does not cover offset {offset}", inode.Nid);
        if (e.Length > ZMapHeader.MaxDecodedExtent && e.Kind is not (ZExtentKind.Fragment or ZExtentKind.Hole))
            throw new ErofsContentException($"extent at {e.LogicalStart} decodes to {e.Length} bytes (max {ZMapHeader.MaxDecodedExtent})", inode.Nid);
        return e;
    }

    /// <summary>The budget of decompressed bytes for one read call of <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    public DecompressionBudget Budget(InodeInfo inode, long offset, int length) =>
        new(limits.MaxDecompressedBytesPerRead, length, inode.Nid, offset);

    public void Read(InodeInfo inode, long pos, Span<byte> destination, ZExtent e, DecompressionBudget budget)
    {
        long within = pos - e.LogicalStart;
        switch (e.Kind)
        {
            case ZExtentKind.Hole:
                destination.Clear();
                break;
            case ZExtentKind.Fragment:
                ReadFragment(inode, e.PhysicalAddress + within, destination);
                break;
            default:
                // A whole extent wanted at once (sequential reads) is decoded in place, skipping the cache.
                if (within == 0 && destination.Length == e.Length)
                {
                    budget.Spend(e.Length);
                    Decode(inode, e, Rotation(e), destination);
                }
                else
                    Decoded(inode, e, budget).AsSpan((int)within, destination.Length).CopyTo(destination);
                break;
        }
    }

    private int Rotation(ZExtent e) => e.Kind == ZExtentKind.Interlaced ? (int)(e.LogicalStart & (sb.BlockSize - 1)) : 0;

    private void ReadFragment(InodeInfo inode, long packedOffset, Span<byte> destination)
    {
        var packed = packedInode() ?? throw new ErofsContentException("fragment without a packed inode", inode.Nid);
        if (packed.Nid == inode.Nid)
            throw new ErofsContentException("the packed inode refers to a fragment of itself", inode.Nid);
        if (packedOffset < 0 || (ulong)packedOffset + (ulong)destination.Length > packed.Size)
            throw new ErofsContentException($"fragment at {packedOffset} (+{destination.Length}) lies outside the packed inode ({packed.Size} bytes)", inode.Nid);
        var buffer = new byte[destination.Length];
        if (readPlain(packed, packedOffset, buffer) != buffer.Length)
            throw new ErofsContentException("short read from the packed inode", inode.Nid);
        buffer.CopyTo(destination);
    }

    private byte[] Decoded(InodeInfo inode, ZExtent e, DecompressionBudget budget)
    {
        int rotation = Rotation(e);
        var key = new PclusterKey(e.InMetadata ? inode.Nid : ulong.MaxValue, e.PhysicalAddress, e.PhysicalLength, e.Length, e.Kind, e.Algorithm, rotation, e.Partial);
        return cache.GetOrAdd(key, () =>
        {
            budget.Spend(e.Length);
            var output = new byte[e.Length];
            Decode(inode, e, rotation, output);
            return output;
        });
    }

    private void Decode(InodeInfo inode, ZExtent e, int rotation, Span<byte> output)
    {
        if (e.PhysicalLength <= 0 || e.PhysicalLength > limits.EffectiveMaxPclusterBytes)
            throw new ErofsContentException($"pcluster of {e.PhysicalLength} bytes (limit MaxPclusterBytes {limits.EffectiveMaxPclusterBytes})", inode.Nid, e.PhysicalAddress);
        byte[] rented = ArrayPool<byte>.Shared.Rent(e.PhysicalLength);
        try
        {
            var stored = rented.AsSpan(0, e.PhysicalLength);
            if (e.InMetadata)
                spaceOf(inode.Nid).Read(e.PhysicalAddress, stored, inode.Nid);
            else
                _readAhead.Read(e.PhysicalAddress, stored, inode.Nid);
            switch (e.Kind)
            {
                case ZExtentKind.Shifted:
                    stored[..output.Length].CopyTo(output);
                    break;
                case ZExtentKind.Interlaced:
                    Unrotate(stored, output, rotation, inode.Nid, e.PhysicalAddress);
                    break;
                default:
                    Decompress(inode, e, stored, output);
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Interlaced data: byte j of the extent lives at (rotation + j) mod block size.
    private void Unrotate(ReadOnlySpan<byte> stored, Span<byte> output, int rotation, ulong nid, long at)
    {
        int right = Math.Min(sb.BlockSize - rotation, output.Length);
        if (output.Length > sb.BlockSize || rotation + right > stored.Length || output.Length - right > stored.Length)
            throw new ErofsContentException($"interlaced extent of {output.Length} bytes does not fit its {stored.Length}-byte block", nid, at);
        stored.Slice(rotation, right).CopyTo(output);
        stored[..(output.Length - right)].CopyTo(output[right..]);
    }

    private void Decompress(InodeInfo inode, ZExtent e, ReadOnlySpan<byte> stored, Span<byte> output)
    {
        int start = 0;
        if (_zeroPadding)
        {
            // Compressed bytes are right-aligned: skip the leading zeros of the first block.
            int limit = Math.Min(stored.Length, sb.BlockSize - (int)(e.PhysicalAddress & (sb.BlockSize - 1)));
            while (start < limit && stored[start] == 0)
                start++;
            if (start == stored.Length)
                throw new ErofsContentException("compressed pcluster is all zeros", inode.Nid, e.PhysicalAddress);
        }
        var algorithm = (CompressionAlgorithm)e.Algorithm;
        decompressors.Get(algorithm, inode.Nid).Decompress(stored[start..], output, e.Partial || !_zeroPadding, inode.Nid, e.InMetadata ? null : e.PhysicalAddress);
    }
}
