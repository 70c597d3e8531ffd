using System.Runtime.InteropServices;

namespace Erofs.Fuse.Abi;

/// <summary><c>struct fuse_init_in</c>: 64 bytes since 7.36 (FUSE_INIT_EXT); 16 bytes before.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InitIn
{
    /// <summary>Size of the pre-7.36 form (major, minor, max_readahead, flags).</summary>
    public const int CompatSize = 16;

    public uint Major;
    public uint Minor;
    public uint MaxReadahead;
    public uint Flags;
    public uint Flags2;
    public fixed uint Unused[11];
}

/// <summary><c>struct fuse_init_out</c>: 64 bytes (7.23+).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InitOut
{
    public uint Major;
    public uint Minor;
    public uint MaxReadahead;
    public uint Flags;
    public ushort MaxBackground;
    public ushort CongestionThreshold;
    public uint MaxWrite;
    public uint TimeGran;
    public ushort MaxPages;
    public ushort MapAlignment;
    public uint Flags2;
    public uint MaxStackDepth;
    public ushort RequestTimeout;
    public fixed ushort Unused[11];
}
