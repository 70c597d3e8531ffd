using System.Buffers.Binary;
using System.Text;
using Erofs.Format;

namespace Erofs.Reading;

/// <summary>One long xattr name prefix: the short prefix index it extends and the full prefix text.</summary>
internal readonly record struct XattrLongPrefix(byte BaseIndex, byte[] Infix, string FullPrefix);

/// <summary>Loads the long xattr name prefix table (<c>xattr_prefix_count</c> records at <c>xattr_prefix_start * 4</c>).</summary>
internal static class XattrPrefixTable
{
    public static XattrLongPrefix[] Load(Superblock sb, MetadataSpace space)
    {
        var prefixes = new XattrLongPrefix[sb.XattrPrefixCount];
        long pos = (long)sb.XattrPrefixStart * 4;
        Span<byte> header = stackalloc byte[2];
        for (int i = 0; i < prefixes.Length; i++)
        {
            space.Read(pos, header, 0);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(header);
            if (length < 1 || length > 256)
                throw new ErofsContentException($"long xattr prefix {i} has invalid length {length}", offset: pos);
            var body = new byte[length];
            space.Read(pos + 2, body, 0);
            string? shortPrefix = XattrLayout.ShortPrefix(body[0]);
            if (shortPrefix is null || body[0] is 2 or 3)
                throw new ErofsContentException($"long xattr prefix {i} has invalid base index {body[0]}", offset: pos + 2);
            var infix = body[1..];
            prefixes[i] = new XattrLongPrefix(body[0], infix, shortPrefix + Encoding.UTF8.GetString(infix));
            pos += (2 + length + 3) & ~3;
        }
        return prefixes;
    }
}
