using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Reading;

/// <summary>
/// The primary device and the extra devices of an image, with the kernel's address resolution:
/// device k reads its own source; device 0 addresses that fall in an extra device's unified
/// range are redirected to it.
/// </summary>
internal sealed class DeviceSet : IDisposable
{
    private readonly IBlockSource _primary;
    private readonly IBlockSource?[] _extra;
    private readonly DeviceSlot[] _slots;
    private readonly int _blockSizeBits;

    public DeviceSet(IBlockSource primary, DeviceSlot[] slots, IBlockSource?[] extra, int blockSizeBits)
    {
        _primary = primary;
        _slots = slots;
        _extra = extra;
        _blockSizeBits = blockSizeBits;
        DeviceIdMask = (int)(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots.Length + 1) - 1);
    }

    public IBlockSource Primary => _primary;

    public IReadOnlyList<DeviceSlot> Slots => _slots;

    /// <summary>Mask applied to chunk index device ids (roundup_pow_of_two(devices + 1) - 1).</summary>
    public int DeviceIdMask { get; }

    /// <summary>Reads <paramref name="buffer"/> from device <paramref name="device"/> at a byte address.</summary>
    public void Read(int device, long address, Span<byte> buffer, ulong nid)
    {
        var (source, offset) = Resolve(device, address, nid);
        if (offset < 0 || offset > source.Length || buffer.Length > source.Length - offset)
            throw new ErofsContentException($"data at {offset} (+{buffer.Length}) lies outside device {device} ({source.Length} bytes)", nid, address);
        source.Read(offset, buffer);
    }

    /// <summary>
    /// Reads as much of <paramref name="buffer"/> as the device holds from <paramref name="address"/>
    /// (read-ahead); returns the count, which may be short only at the end of the device.
    /// </summary>
    public int ReadAvailable(int device, long address, Span<byte> buffer, ulong nid)
    {
        var (source, offset) = Resolve(device, address, nid);
        if (offset < 0 || offset >= source.Length)
            throw new ErofsContentException($"data at {offset} lies outside device {device} ({source.Length} bytes)", nid, address);
        int n = (int)Math.Min(buffer.Length, source.Length - offset);
        source.Read(offset, buffer[..n]);
        return n;
    }

    /// <summary>Length in bytes of the device a mapping refers to (for fsck bounds checks).</summary>
    public long LengthOf(int device, long address, ulong nid) => Resolve(device, address, nid).Source.Length;

    /// <summary>
    /// True when <paramref name="length"/> bytes at <paramref name="address"/> lie inside the device
    /// the address resolves to (after unified addressing).
    /// </summary>
    public bool Contains(int device, long address, long length, ulong nid)
    {
        if (address < 0 || length < 0)
            return false;
        var (source, offset) = Resolve(device, address, nid);
        return offset <= source.Length && length <= source.Length - offset;
    }

    private (IBlockSource Source, long Offset) Resolve(int device, long address, ulong nid)
    {
        if (device > _slots.Length)
            throw new ErofsContentException($"device id {device} is beyond the {_slots.Length} extra devices", nid);
        if (device > 0)
            return (Extra(device, nid), address);
        for (int i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            if (slot.UnifiedAddress == 0)
                continue;
            long start = (long)(slot.UnifiedAddress << _blockSizeBits);
            long length = (long)(slot.Blocks << _blockSizeBits);
            if (address >= start && address - start < length)
                return (Extra(i + 1, nid), address - start);
        }
        return (_primary, address);
    }

    private IBlockSource Extra(int device, ulong nid) =>
        _extra[device - 1] ?? throw new IOException(
            $"the image needs extra device {device}{DescribeTag(device)} (nid {nid}); give it with --device=PATH (one per device, in order)");

    private string DescribeTag(int device)
    {
        string tag = _slots[device - 1].TagText;
        return tag.Length == 0 ? "" : $" (tag '{tag}')";
    }

    public void Dispose()
    {
        _primary.Dispose();
        foreach (var d in _extra)
            d?.Dispose();
    }
}
