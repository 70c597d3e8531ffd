using System.Text;

namespace Erofs.Building.Tar;

/// <summary>
/// Splits PAX extended header data into records. Records are length-prefixed, so values are taken
/// by length and may contain any byte; the length is checked against the data and the newline.
/// </summary>
internal static class PaxRecords
{
    /// <summary>Largest extended header accepted (a Linux xattr value is at most 64 KiB).</summary>
    public const int MaxHeaderSize = 1 << 20;

    // Up to the digits of long.MaxValue, so an absurd length (gigabytes) is reported as a length.
    private const int MaxLengthDigits = 19;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the records of one header whose data starts at <paramref name="dataOffset"/>.</summary>
    public static List<PaxRecord> Parse(ReadOnlySpan<byte> data, long dataOffset, TarErrors errors)
    {
        var records = new List<PaxRecord>();
        int position = 0;
        while (position < data.Length)
        {
            var rest = data[position..];
            if (TarHeader.IsZeroBlock(rest))
                break; // NUL padding some writers leave after the last record
            records.Add(ParseOne(rest, dataOffset + position, errors, out int length));
            position += length;
        }
        return records;
    }

    private static PaxRecord ParseOne(ReadOnlySpan<byte> rest, long offset, TarErrors errors, out int length)
    {
        int space = rest[..Math.Min(rest.Length, MaxLengthDigits + 1)].IndexOf((byte)' ');
        if (space <= 0 || !TarNumbers.TryParseDecimal(rest[..space], out long declared))
            throw errors.At(offset, "PAX record does not start with a decimal length");
        // The shortest record is "N k=\n": the length must cover the keyword, '=' and the newline.
        if (declared < space + 4 || declared > rest.Length)
            throw errors.At(offset, $"PAX record length {declared} is impossible ({rest.Length} bytes left in the header)");
        length = (int)declared;
        var body = rest[(space + 1)..length];
        if (body[^1] != (byte)'\n')
            throw errors.At(offset, $"PAX record of length {declared} does not end with a newline");
        body = body[..^1];
        int equals = body.IndexOf((byte)'=');
        if (equals <= 0)
            throw errors.At(offset, "PAX record has no 'keyword=' part");
        return new PaxRecord(DecodeKey(body[..equals], offset, errors), body[(equals + 1)..].ToArray());
    }

    private static string DecodeKey(ReadOnlySpan<byte> key, long offset, TarErrors errors)
    {
        try
        {
            return StrictUtf8.GetString(key);
        }
        catch (DecoderFallbackException)
        {
            throw errors.At(offset, "PAX record keyword is not valid UTF-8");
        }
    }
}
