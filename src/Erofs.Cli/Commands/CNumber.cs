namespace Erofs.Cli.Commands;

/// <summary>Numbers as C's <c>strtoull(text, &amp;end, 0)</c> reads them, for options dump.erofs parses that way.</summary>
internal static class CNumber
{
    /// <summary>
    /// Leading white space, an optional sign, then "0x" hex, "0" octal or decimal digits up to the
    /// end of the text; null when anything else follows (dump.erofs then refuses the value).
    /// As strtoull: too large a value gives the largest, and a minus sign negates modulo 2^64.
    /// </summary>
    public static ulong? ParseUnsigned(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
            negative = text[i++] == '-';
        int radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }
        if (i == text.Length)
            return null;
        ulong value = 0;
        bool overflow = false;
        for (; i < text.Length; i++)
        {
            int digit = Digit(text[i]);
            if (digit >= radix)
                return null;
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
                overflow = true;
            else
                value = value * (ulong)radix + (ulong)digit;
        }
        if (overflow)
            return ulong.MaxValue;
        return negative ? unchecked(0 - value) : value;
    }

    // The value of an ASCII digit or letter (a/A = 10 ... f/F = 15); anything else is too large for any radix.
    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => int.MaxValue,
    };
}
