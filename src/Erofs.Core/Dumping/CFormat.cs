using System.Globalization;
using System.Numerics;

namespace Erofs.Dumping;

/// <summary>
/// Number renderings as C's printf in glibc makes them, for output that must match dump.erofs
/// byte for byte: <c>%.Nf</c> rounds the exact binary value half to even (0.125 gives "0.12",
/// .NET's "F2" gives "0.13"), and a 0/0 ratio prints as "-nan" (the x86 default NaN has its sign set).
/// </summary>
public static class CFormat
{
    /// <summary><c>printf("%.Nf", value)</c> with glibc's exact rounding, including "-nan", "nan", "inf" and "-inf".</summary>
    public static string Fixed(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(value))
            return double.IsNegative(value) ? "-nan" : "nan";
        if (double.IsInfinity(value))
            return value < 0 ? "-inf" : "inf";
        bool negative = double.IsNegative(value);
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        // value = mantissa * 2^power exactly.
        BigInteger mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        int power = exponent == 0 ? -1074 : exponent - 1075;
        BigInteger scaled = mantissa * BigInteger.Pow(10, decimals);
        BigInteger units;
        if (power >= 0)
        {
            units = scaled << power;
        }
        else
        {
            BigInteger denominator = BigInteger.One << -power;
            units = BigInteger.DivRem(scaled, denominator, out BigInteger remainder);
            int half = (remainder * 2).CompareTo(denominator);
            if (half > 0 || (half == 0 && !units.IsEven))
                units += 1;
        }
        string digits = units.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        string text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// <c>printf("%.2f", (double)(100 * part) / (double)whole)</c> for C unsigned longs: the
    /// product wraps at 2^64 as in C, and a zero <paramref name="whole"/> gives "-nan" or "inf".
    /// </summary>
    public static string Percent(ulong part, ulong whole)
    {
        ulong hundredfold = unchecked(100 * part);
        if (whole == 0)
            return hundredfold == 0 ? "-nan" : "inf";
        return Fixed(hundredfold / (double)whole, 2);
    }
}
