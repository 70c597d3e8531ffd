namespace Erofs.Building.Tar;

/// <summary>
/// The number encodings of tar: octal header fields (space or NUL terminated), GNU base-256 header
/// fields (high bit of the first byte set) and PAX decimal text. Every parser returns false instead
/// of throwing, so the caller can name the field and the offset in its error.
/// </summary>
internal static class TarNumbers
{
    /// <summary>Parses an octal header field; base-256 too when <paramref name="allowBase256"/>.</summary>
    /// <param name="field">The raw field bytes.</param>
    /// <param name="allowBase256">Whether the GNU binary form is allowed (size, ids, times, devices).</param>
    /// <param name="allowBlank">Whether an all-blank field reads as 0.</param>
    /// <param name="value">The number.</param>
    public static bool TryParseField(ReadOnlySpan<byte> field, bool allowBase256, bool allowBlank, out long value)
    {
        value = 0;
        if (field.Length > 0 && (field[0] & 0x80) != 0)
            return allowBase256 && TryParseBase256(field, out value);
        return TryParseOctal(field, allowBlank, out value);
    }

    private static bool TryParseOctal(ReadOnlySpan<byte> field, bool allowBlank, out long value)
    {
        value = 0;
        int i = 0;
        while (i < field.Length && field[i] == (byte)' ')
            i++;
        int digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            if (value > (long.MaxValue >> 3))
                return false;
            value = (value << 3) | (long)(field[i] - '0');
        }
        if (i < field.Length && field[i] is not (byte)' ' and not 0)
            return false; // a stray character inside the number
        return digits > 0 || (allowBlank && IsBlank(field));
    }

    private static bool IsBlank(ReadOnlySpan<byte> field)
    {
        foreach (byte b in field)
            if (b is not (byte)' ' and not 0)
                return false;
        return true;
    }

    /// <summary>Two's complement big-endian over the field, the top bit of the first byte being the marker.</summary>
    private static bool TryParseBase256(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        // Sign-extend the 7 payload bits of the first byte (0xFF.. is negative, 0x80.. positive).
        Int128 accumulated = (sbyte)(field[0] << 1) >> 1;
        for (int i = 1; i < field.Length; i++)
        {
            accumulated = accumulated * 256 + field[i];
            if (accumulated > long.MaxValue || accumulated < long.MinValue)
                return false;
        }
        value = (long)accumulated;
        return true;
    }

    /// <summary>Parses non-negative decimal text (PAX values): digits only, at least one.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
            return false;
        foreach (byte b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
            if (value > (long.MaxValue - 9) / 10)
                return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>
    /// Parses a PAX time: optional '-', decimal seconds, optional '.' and a fraction (digits past
    /// the ninth are dropped). A negative time with a fraction is floored: "-1.5" is -2 s + 0.5 s.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<byte> text, out long seconds, out uint nanoseconds)
    {
        seconds = 0;
        nanoseconds = 0;
        bool negative = !text.IsEmpty && text[0] == (byte)'-';
        if (negative)
            text = text[1..];
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        if (!TryParseDecimal(whole, out seconds))
            return false;
        if (dot >= 0 && !TryParseFraction(text[(dot + 1)..], out nanoseconds))
            return false;
        if (negative)
        {
            seconds = -seconds;
            if (nanoseconds != 0)
            {
                seconds -= 1;
                nanoseconds = 1_000_000_000 - nanoseconds;
            }
        }
        return true;
    }

    private static bool TryParseFraction(ReadOnlySpan<byte> digits, out uint nanoseconds)
    {
        nanoseconds = 0;
        if (digits.IsEmpty)
            return false;
        for (int i = 0; i < digits.Length; i++)
        {
            if (digits[i] is < (byte)'0' or > (byte)'9')
                return false;
            if (i < 9)
                nanoseconds = nanoseconds * 10 + (uint)(digits[i] - '0');
        }
        for (int i = digits.Length; i < 9; i++)
            nanoseconds *= 10;
        return true;
    }
}
