using Erofs.Format;

namespace Erofs.Reading;

/// <summary>
/// One decoded, validated inode. Immutable; obtained from <see cref="ErofsImage.GetInode"/>.
/// </summary>
public sealed record InodeInfo
{
    /// <summary>The inode's nid (bit 63 set for inodes that live in the metabox).</summary>
    public required ulong Nid { get; init; }
    /// <summary>True for the 64-byte extended form, false for the 32-byte compact form.</summary>
    public required bool IsExtended { get; init; }
    /// <summary>The data layout.</summary>
    public required InodeLayout Layout { get; init; }
    /// <summary>Full mode: S_IFMT type bits and permission bits.</summary>
    public required ushort Mode { get; init; }
    /// <summary>Size in bytes (i_size).</summary>
    public required ulong Size { get; init; }
    /// <summary>Owner user id.</summary>
    public required uint Uid { get; init; }
    /// <summary>Owner group id.</summary>
    public required uint Gid { get; init; }
    /// <summary>Hard link count.</summary>
    public required uint Nlink { get; init; }
    /// <summary>Modification time, seconds since the Unix epoch.</summary>
    public required long MtimeSeconds { get; init; }
    /// <summary>Nanoseconds part of the modification time.</summary>
    public required uint MtimeNanoseconds { get; init; }
    /// <summary>Device number in Linux "new" encoding, for character and block devices; else 0.</summary>
    public required uint Rdev { get; init; }
    /// <summary>The 32-bit inode serial number stored on disk (i_ino).</summary>
    public required uint Ino { get; init; }
    /// <summary>For directories: the "." entry is omitted (i_format DOT_OMITTED).</summary>
    public required bool IsDotOmitted { get; init; }
    /// <summary>Size of the inline xattr area in bytes (0 when none).</summary>
    public required int XattrSize { get; init; }
    /// <summary>The raw i_u field (start block low bits, chunk format, or rdev).</summary>
    public required uint RawU { get; init; }
    /// <summary>Flat layouts: first data block (null address all-ones when none).</summary>
    public required ulong StartBlock { get; init; }
    /// <summary>Byte position of the inode in its metadata space (image, or metabox content).</summary>
    public required long Location { get; init; }

    /// <summary>Size of the on-disk inode structure: 32 or 64 bytes.</summary>
    public int InodeSize => IsExtended ? 64 : 32;

    /// <summary>The file type.</summary>
    public FileKind Kind => FileModes.KindOf(Mode);

    /// <summary>Permission bits (07777).</summary>
    public int Permissions => Mode & 0xFFF;

    /// <summary>True when the layout is one of the compressed ones.</summary>
    public bool IsCompressed => Layout is InodeLayout.CompressedFull or InodeLayout.CompressedCompact;

    /// <summary>Device major number (character and block devices).</summary>
    public uint RdevMajor => (Rdev & 0xFFF00) >> 8;

    /// <summary>Device minor number (character and block devices).</summary>
    public uint RdevMinor => (Rdev & 0xFF) | ((Rdev >> 12) & 0xFFF00);
}
