using Erofs.Format;

namespace Erofs.Building.Layout;

/// <summary>An inode's xattr body: name filter, shared ids, then inline entries.</summary>
internal sealed class XattrBody(uint nameFilter, List<uint> sharedIds, List<EncodedXattr> inline)
{
    public uint NameFilter { get; } = nameFilter;
    public List<uint> SharedIds { get; } = sharedIds;
    public List<EncodedXattr> Inline { get; } = inline;

    /// <summary>xattr_isize: header, shared ids and padded entries.</summary>
    public int Size => XattrLayout.HeaderSize + 4 * SharedIds.Count + Inline.Sum(e => e.EntrySize);

    /// <summary>i_xattr_icount for <see cref="Size"/>.</summary>
    public ushort InodeCount => (ushort)((Size - XattrLayout.HeaderSize) / 4 + 1);
}

/// <summary>An xattr as stored: name index (short or 0x80|long), the rest of the name, the value.</summary>
// IsFingerprint: the value is a placeholder, filled with the file's digest when written.
internal sealed record EncodedXattr(byte NameIndex, byte[] Suffix, byte[] Value, bool IsFingerprint = false)
{
    public int EntrySize => XattrLayout.EntryTotalSize(Suffix.Length, Value.Length);

    /// <summary>Writes the entry (header, suffix, value) at the start of <paramref name="dest"/>.</summary>
    public void WriteTo(Span<byte> dest, ReadOnlySpan<byte> value)
    {
        dest[0] = (byte)Suffix.Length;
        dest[1] = NameIndex;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(dest[2..], (ushort)value.Length);
        Suffix.CopyTo(dest[XattrLayout.EntrySize..]);
        value.CopyTo(dest[(XattrLayout.EntrySize + Suffix.Length)..]);
    }
}
