using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// What follows the superblock before the first inode: the compression configuration records (at 1152),
/// the shared xattr area (at 1152 without records, so shared ids match mkfs.erofs), the long prefix table
/// (4-aligned records) and the device table (128-aligned slots).
/// </summary>
internal sealed class HeaderLayout
{
    /// <summary>Where the compression configuration records start (right after the superblock).</summary>
    public const long RecordsStart = Superblock.Position + Superblock.CoreSize;

    public HeaderLayout(XattrPlan xattrs, int deviceCount, long sharedAreaStart)
    {
        SharedAreaStart = sharedAreaStart;
        long at = SharedAreaStart + xattrs.SharedSize;
        PrefixTableStart = ChunkMapper.AlignUp(at, 4);
        at = PrefixTableStart;
        foreach (var p in xattrs.Naming.Prefixes)
            at = ChunkMapper.AlignUp(at + 2 + 1 + p.Infix.Length, 4);
        DeviceTableStart = deviceCount > 0 ? ChunkMapper.AlignUp(at, DeviceSlot.Size) : at;
        End = DeviceTableStart + (long)deviceCount * DeviceSlot.Size;
    }

    /// <summary>The shared xattr area follows the compression records, 4-aligned.</summary>
    public static long SharedStart(int recordsLength) => ChunkMapper.AlignUp(RecordsStart + recordsLength, 4);

    public long SharedAreaStart { get; }
    public long PrefixTableStart { get; }
    public long DeviceTableStart { get; }
    public long End { get; }

}
