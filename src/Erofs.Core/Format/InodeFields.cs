namespace Erofs.Format;

/// <summary>
/// Field offsets of the compact (<c>struct erofs_inode_compact</c>, 32 bytes) and extended
/// (<c>struct erofs_inode_extended</c>, 64 bytes) on-disk inodes, plus the i_format bits.
/// </summary>
public static class InodeFields
{
    /// <summary>Size of a compact inode.</summary>
    public const int CompactSize = 32;
    /// <summary>Size of an extended inode.</summary>
    public const int ExtendedSize = 64;
    /// <summary>Inodes are addressed in 32-byte slots: iloc = base + nid * 32.</summary>
    public const int SlotSize = 32;

    /// <summary>i_format bit 0: extended form.</summary>
    public const ushort VersionBit = 0x1;
    /// <summary>i_format bits 1-3: data layout.</summary>
    public const int LayoutShift = 1;
    /// <summary>Mask of the layout after shifting.</summary>
    public const int LayoutMask = 0x7;
    /// <summary>i_format bit 4: NLINK_1 (compact non-directories) or DOT_OMITTED (directories).</summary>
    public const ushort Bit4 = 0x10;
    /// <summary>EROFS_I_ALL: every defined i_format bit.</summary>
    public const ushort AllBits = 0x1F;

    /// <summary>Offsets shared by both forms and those of the compact form.</summary>
    public static class Compact
    {
#pragma warning disable CS1591 // kernel field names
        public const int Format = 0;
        public const int XattrCount = Format + 2;
        public const int Mode = XattrCount + 2;
        public const int Nb = Mode + 2;
        public const int Size = Nb + 2;
        public const int Mtime = Size + 4;
        public const int U = Mtime + 4;
        public const int Ino = U + 4;
        public const int Uid = Ino + 4;
        public const int Gid = Uid + 2;
        public const int Reserved = Gid + 2;
        public const int End = Reserved + 4;
    }

    /// <summary>Offsets of the extended form.</summary>
    public static class Extended
    {
        public const int Format = 0;
        public const int XattrCount = Format + 2;
        public const int Mode = XattrCount + 2;
        public const int Nb = Mode + 2;
        public const int Size = Nb + 2;
        public const int U = Size + 8;
        public const int Ino = U + 4;
        public const int Uid = Ino + 4;
        public const int Gid = Uid + 4;
        public const int Mtime = Gid + 4;
        public const int MtimeNsec = Mtime + 8;
        public const int Nlink = MtimeNsec + 4;
        public const int Reserved = Nlink + 4;
        public const int End = Reserved + 16;
#pragma warning restore CS1591
    }

    /// <summary>Size of the inline xattr area for an i_xattr_icount value (0 when icount is 0).</summary>
    public static int XattrAreaSize(ushort icount) => icount == 0 ? 0 : XattrLayout.HeaderSize + 4 * (icount - 1);
}
