using System.Buffers.Binary;

namespace Erofs.Format;

/// <summary>One 128-byte entry of the device table (<c>struct erofs_deviceslot</c>).</summary>
public sealed record DeviceSlot(byte[] Tag, ulong Blocks, ulong UnifiedAddress)
{
    /// <summary>Size on disk.</summary>
    public const int Size = 128;

    /// <summary>Field offsets.</summary>
    public static class Offsets
    {
#pragma warning disable CS1591 // kernel field names
        public const int Tag = 0;
        public const int BlocksLo = Tag + 64;
        public const int UniaddrLo = BlocksLo + 4;
        public const int BlocksHi = UniaddrLo + 4;
        public const int UniaddrHi = BlocksHi + 2;
        public const int Reserved = UniaddrHi + 2;
#pragma warning restore CS1591
    }

    /// <summary>The tag as text, up to the first NUL.</summary>
    public string TagText
    {
        get
        {
            int n = Array.IndexOf(Tag, (byte)0);
            return System.Text.Encoding.UTF8.GetString(Tag, 0, n < 0 ? Tag.Length : n);
        }
    }

    /// <summary>Decodes a slot; the high halves count only on 48-bit images.</summary>
    public static DeviceSlot Parse(ReadOnlySpan<byte> b, bool is48Bit)
    {
        ulong blocks = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.BlocksLo..]);
        ulong uniaddr = BinaryPrimitives.ReadUInt32LittleEndian(b[Offsets.UniaddrLo..]);
        if (is48Bit)
        {
            blocks |= (ulong)BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.BlocksHi..]) << 32;
            uniaddr |= (ulong)BinaryPrimitives.ReadUInt16LittleEndian(b[Offsets.UniaddrHi..]) << 32;
        }
        return new DeviceSlot(b.Slice(Offsets.Tag, 64).ToArray(), blocks, uniaddr);
    }
}
