using System.Buffers.Binary;

namespace Erofs.Format;

/// <summary>One 12-byte directory entry header (<c>struct erofs_dirent</c>).</summary>
public readonly record struct Dirent(ulong Nid, ushort NameOffset, byte FileType)
{
    /// <summary>Size on disk.</summary>
    public const int Size = 12;

    /// <summary>Field offsets.</summary>
    public static class Offsets
    {
#pragma warning disable CS1591 // kernel field names
        public const int Nid = 0;
        public const int NameOff = Nid + 8;
        public const int FileType = NameOff + 2;
        public const int Reserved = FileType + 1;
#pragma warning restore CS1591
    }

    /// <summary>Highest defined file_type (EROFS_FT_SYMLINK).</summary>
    public const byte MaxFileType = 7;

    /// <summary>Decodes the 12 bytes at the start of <paramref name="b"/>.</summary>
    public static Dirent Parse(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(b[Offsets.Nid..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.NameOff..]),
        b[Offsets.FileType]);
}
