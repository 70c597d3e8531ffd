namespace Erofs.Compression.Encoding;

/// <summary>
/// Keeps a DEFLATE stream's first byte non-zero for 0padding. The first byte's low three bits are the first block's
/// BFINAL and BTYPE; they are all zero only for a non-final stored block, whose header is followed by padding
/// up to the byte boundary that inflaters skip. Setting a padding bit (bit 3, as mkfs.erofs does) leaves the
/// stream valid and the byte non-zero.
/// </summary>
internal static class DeflateFirstByte
{
    /// <summary>The padding bit set in a leading zero byte.</summary>
    public const byte PaddingBit = 1 << 3;

    /// <summary>Sets <see cref="PaddingBit"/> when <paramref name="stream"/> starts with a zero byte.</summary>
    public static void MakeNonZero(Span<byte> stream)
    {
        if (!stream.IsEmpty && stream[0] == 0)
            stream[0] = PaddingBit;
    }
}
