namespace Erofs.Reading.Compressed;

/// <summary>
/// Reads pclusters through a per-thread 256 KiB window: mkfs lays a file's pclusters out one after
/// another, so one pread serves many small pclusters during sequential reads.
/// </summary>
internal sealed class PclusterReadAhead(DeviceSet devices)
{
    private const int WindowSize = 256 << 10;
    private readonly ThreadLocal<Window> _windows = new(() => new Window());

    public void Read(long address, Span<byte> destination, ulong nid)
    {
        if (destination.Length > WindowSize)
        {
            devices.Read(0, address, destination, nid);
            return;
        }
        var w = _windows.Value!;
        if (address < w.Start || address + destination.Length > w.Start + w.Length)
        {
            w.Length = 0;
            w.Length = devices.ReadAvailable(0, address, w.Buffer, nid);
            w.Start = address;
            if (destination.Length > w.Length)
                throw new ErofsContentException($"pcluster at {address} (+{destination.Length}) runs past the end of the device", nid, address);
        }
        w.Buffer.AsSpan((int)(address - w.Start), destination.Length).CopyTo(destination);
    }

    private sealed class Window
    {
        public readonly byte[] Buffer = new byte[WindowSize];
        public long Start = -1;
        public int Length;
    }
}
