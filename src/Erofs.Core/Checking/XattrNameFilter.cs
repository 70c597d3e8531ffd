using System.IO.Hashing;
using System.Text;
using Erofs.Format;

namespace Erofs.Checking;

/// <summary>
/// The per-inode xattr name bloom filter: bit = xxh32(name without short prefix, seed + base index) mod 32;
/// a set bit in h_name_filter means "definitely absent".
/// </summary>
public static class XattrNameFilter
{
    /// <summary>Filter bit of an xattr whose name, after its short prefix, is <paramref name="infixAndSuffix"/>.</summary>
    public static int BitOf(ReadOnlySpan<byte> infixAndSuffix, byte baseIndex) =>
        (int)(XxHash32.HashToUInt32(infixAndSuffix, unchecked((int)(XattrLayout.FilterSeed + baseIndex))) & (XattrLayout.FilterBits - 1));

    /// <summary>Filter bit of a full name split as base index + remainder (text form).</summary>
    public static int BitOf(string remainder, byte baseIndex) => BitOf(Encoding.UTF8.GetBytes(remainder), baseIndex);
}
