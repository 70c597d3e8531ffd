using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Reading;

/// <summary>Reads the device table and opens the extra devices the caller named.</summary>
internal static class DeviceTable
{
    public static DeviceSlot[] Read(Superblock sb, IBlockSource source)
    {
        var slots = new DeviceSlot[sb.ExtraDevices];
        long start = (long)sb.DeviceTableSlotOffset * DeviceSlot.Size;
        var raw = new byte[DeviceSlot.Size];
        for (int i = 0; i < slots.Length; i++)
        {
            long at = start + (long)i * DeviceSlot.Size;
            if (at + DeviceSlot.Size > source.Length)
                throw new ErofsContentException($"device slot {i} lies outside the image", offset: at);
            source.Read(at, raw);
            slots[i] = DeviceSlot.Parse(raw, sb.Is48Bit);
        }
        return slots;
    }

    public static IEnumerable<IBlockSource> OpenExtraDevices(DeviceSlot[] slots, ReadOptions options)
    {
        int given = options.Devices.Count > 0 ? options.Devices.Count : options.DevicePaths.Count;
        if (given > slots.Length)
            throw new ErofsContentException($"{given} extra devices were given, but the superblock lists {slots.Length} (extra_devices)",
                offset: Superblock.Position + Superblock.Offsets.ExtraDevices);
        if (options.Devices.Count > 0)
            return options.Devices;
        return options.DevicePaths.Select(p => (IBlockSource)new FileBlockSource(p)).ToList();
    }

    /// <summary>Extends the opened devices with nulls for devices the caller did not give.</summary>
    public static IBlockSource?[] Pad(List<IBlockSource> opened, int count)
    {
        var all = new IBlockSource?[count];
        for (int i = 0; i < opened.Count; i++)
            all[i] = opened[i];
        return all;
    }
}
