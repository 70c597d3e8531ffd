namespace Erofs.Fuse.Abi;

/// <summary>ioctl numbers of /dev/fuse (magic 229), computed as the kernel's <c>_IOR</c>/<c>_IOW</c> macros do.</summary>
internal static class DeviceIoctl
{
    private const uint Magic = 229;
    private const int DirectionShift = 30;
    private const int SizeShift = 16;
    private const uint Write = 1; // _IOC_WRITE: user space passes data in
    private const uint Read = 2;  // _IOC_READ: the kernel passes data out

    private static uint Encode(uint direction, uint number, uint size) =>
        (direction << DirectionShift) | (size << SizeShift) | (Magic << 8) | number;

    /// <summary>FUSE_DEV_IOC_CLONE = _IOR(229, 0, uint32_t): attach a new fd to an existing connection (0x8004E500).</summary>
    public static readonly uint Clone = Encode(Read, 0, sizeof(uint));

    /// <summary>FUSE_DEV_IOC_BACKING_OPEN = _IOW(229, 1, struct fuse_backing_map) (0x4010E501).</summary>
    public static readonly uint BackingOpen = Encode(Write, 1, 16);

    /// <summary>FUSE_DEV_IOC_BACKING_CLOSE = _IOW(229, 2, uint32_t) (0x4004E502).</summary>
    public static readonly uint BackingClose = Encode(Write, 2, sizeof(uint));
}
