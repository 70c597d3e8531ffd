using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>One line of <c>dump.erofs -e</c>: a mapped range as erofs-utils' FIEMAP mapping reports it.</summary>
/// <param name="LogicalStart">First file byte.</param>
/// <param name="Length">Logical length (flat and chunk-based ranges run to a block boundary, past i_size).</param>
/// <param name="PhysicalStart">Where the bytes are: device (or metadata) byte offset; 0 for fragments.</param>
/// <param name="PhysicalLength">Stored bytes; the logical length for uncompressed ranges, 0 for fragments.</param>
/// <param name="Device">Extra device id of a chunk; 0 otherwise (then no "# device" note).</param>
public readonly record struct ErofsUtilsExtent(ulong LogicalStart, ulong Length, ulong PhysicalStart, ulong PhysicalLength, int Device)
{
    /// <summary>One past the last logical byte (wraps as C's u64).</summary>
    public ulong LogicalEnd => unchecked(LogicalStart + Length);

    /// <summary>One past the last stored byte (wraps as C's u64).</summary>
    public ulong PhysicalEnd => unchecked(PhysicalStart + PhysicalLength);
}

/// <summary>
/// The extents dump.erofs lists for an inode, with erofs-utils' own mapping rules where they differ
/// from the kernel's: a flat file is one range rounded up to whole blocks (plus the inline tail),
/// a chunk covers its whole chunk capped at the last block, an unmapped chunk of a block map shows
/// the null block's address (0xFFFFFFFF blocks) and an unmapped chunk index repeats the previous
/// physical address; addresses in the unified space of extra devices are made device-relative
/// without naming the device. Compressed inodes use this reader's mapping.
/// </summary>
public static class ErofsUtilsExtents
{
    /// <summary>The extents in file order, produced as enumerated (a hostile chunk table can be long).</summary>
    public static IEnumerable<ErofsUtilsExtent> Enumerate(ErofsImage image, InodeInfo inode)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(inode);
        var extents = inode.IsCompressed ? Compressed(image, inode)
            : inode.Layout == InodeLayout.ChunkBased ? Chunked(image, inode)
            : Flat(image, inode);
        return extents.Select(e => Unify(image, e));
    }

    private static IEnumerable<ErofsUtilsExtent> Flat(ErofsImage image, InodeInfo inode)
    {
        int bits = image.Superblock.BlockSizeBits;
        ulong blockMask = (1UL << bits) - 1;
        ulong size = inode.Size;
        bool inline = inode.Layout == InodeLayout.FlatInline;
        ulong tailStart = (((size + blockMask) >> bits) - (inline ? 1UL : 0)) << bits;
        ulong physical = 0;
        for (ulong logical = 0; logical < size;)
        {
            ulong length;
            if (!inline && IsNullAddress(inode))
            {
                length = size - logical;
            }
            else if (logical < tailStart)
            {
                physical = unchecked((inode.StartBlock << bits) + logical);
                length = tailStart - logical;
            }
            else
            {
                physical = (ulong)(inode.Location + inode.InodeSize + inode.XattrSize) + (logical & blockMask);
                length = size - logical;
                if ((physical & blockMask) + length > blockMask + 1)
                    throw new ErofsContentException("inline data across blocks", inode.Nid, inode.Location);
            }
            yield return new ErofsUtilsExtent(logical, length, physical, length, 0);
            logical += length;
        }
    }

    // erofs-utils keeps a FLAT_PLAIN start block of all ones (within 32 bits for a compact inode
    // that stores its link count there, 48 bits otherwise) as "no data": the range is unmapped.
    private static bool IsNullAddress(InodeInfo inode)
    {
        ulong high = inode.StartBlock >> 32;
        bool narrow = !inode.IsExtended && high == 0;
        return (uint)inode.StartBlock == ChunkFormat.NullAddress && (narrow || high == 0xFFFF);
    }

    private static IEnumerable<ErofsUtilsExtent> Chunked(ErofsImage image, InodeInfo inode)
    {
        int bits = image.Superblock.BlockSizeBits;
        ulong blockMask = (1UL << bits) - 1;
        ushort format = (ushort)inode.RawU;
        int chunkBits = bits + (format & ChunkFormat.BlockBitsMask);
        bool indexes = (format & ChunkFormat.Indexes) != 0;
        ulong physical = 0;
        for (ulong logical = 0; logical < inode.Size;)
        {
            // The mapper checks the chunk size (it throws past 2^62) before the shift below is used.
            var e = image.MapExtent(inode, (long)logical);
            ulong start = logical >> chunkBits << chunkBits;
            ulong length = Math.Min(1UL << chunkBits, (inode.Size - start + blockMask) & ~blockMask);
            int device = 0;
            if (e.Kind != ExtentKind.Hole)
            {
                physical = (ulong)e.PhysicalOffset;
                device = e.Device;
            }
            else if (!indexes)
            {
                // A block map's null entry is compared as 32 bits against a 64-bit null: it maps.
                physical = (ulong)ChunkFormat.NullAddress << bits;
            }
            yield return new ErofsUtilsExtent(start, length, physical, length, device);
            logical = start + length;
        }
    }

    private static IEnumerable<ErofsUtilsExtent> Compressed(ErofsImage image, InodeInfo inode)
    {
        foreach (var e in image.GetExtents(inode))
        {
            yield return e.Kind == ExtentKind.Fragment
                ? new ErofsUtilsExtent((ulong)e.LogicalOffset, (ulong)e.Length, 0, 0, 0)
                : new ErofsUtilsExtent((ulong)e.LogicalOffset, (ulong)e.Length, (ulong)e.PhysicalOffset, (ulong)e.PhysicalLength, e.Device);
        }
    }

    // erofs_map_dev: a device-0 address inside an extra device's unified range becomes relative to
    // that device, but the device id stays 0. Fragments print zeros whatever the mapping says.
    private static ErofsUtilsExtent Unify(ErofsImage image, ErofsUtilsExtent e)
    {
        var devices = image.Devices;
        if (e.Device > devices.Count)
            throw new ErofsContentException($"extent refers to device {e.Device}, but the image has {devices.Count} extra devices");
        if (e.Device != 0 || e.PhysicalLength == 0 && e.PhysicalStart == 0)
            return e;
        int bits = image.Superblock.BlockSizeBits;
        foreach (var device in devices)
        {
            if (device.UnifiedAddress == 0)
                continue;
            ulong start = unchecked(device.UnifiedAddress << bits);
            ulong length = unchecked(device.Blocks << bits);
            if (e.PhysicalStart >= start && e.PhysicalStart < unchecked(start + length))
                return e with { PhysicalStart = e.PhysicalStart - start };
        }
        return e;
    }
}
