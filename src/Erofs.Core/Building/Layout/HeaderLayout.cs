using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// What follows the superblock before the first inode: the shared xattr area (at 1152, so shared
/// ids match mkfs.erofs), the long prefix table (4-aligned records) and the device table
/// (128-aligned slots).
/// </summary>
internal sealed class HeaderLayout
{
    public const long SharedAreaStart = Superblock.Position + Superblock.CoreSize;

    public HeaderLayout(XattrPlan xattrs, int deviceCount)
    {
        long at = SharedAreaStart + xattrs.SharedSize;
        PrefixTableStart = ChunkMapper.AlignUp(at, 4);
        at = PrefixTableStart;
        foreach (var p in xattrs.Naming.Prefixes)
            at = ChunkMapper.AlignUp(at + 2 + 1 + p.Infix.Length, 4);
        DeviceTableStart = deviceCount > 0 ? ChunkMapper.AlignUp(at, DeviceSlot.Size) : at;
        End = DeviceTableStart + (long)deviceCount * DeviceSlot.Size;
    }

    public long PrefixTableStart { get; }
    public long DeviceTableStart { get; }
    public long End { get; }

}
