using System.Text;

namespace Erofs.Building.Tar;

/// <summary>The two PAX spellings of an xattr: SCHILY (GNU tar, star) and LIBARCHIVE (bsdtar).</summary>
internal static class PaxXattrNames
{
    /// <summary>SCHILY.xattr.NAME=raw value.</summary>
    public const string SchilyPrefix = "SCHILY.xattr.";

    /// <summary>LIBARCHIVE.xattr.URL-ENCODED-NAME=base64 value.</summary>
    public const string LibarchivePrefix = "LIBARCHIVE.xattr.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the %XX escapes libarchive writes for bytes outside a safe set.</summary>
    public static string PercentDecode(string encoded, PaxValue value)
    {
        if (!encoded.Contains('%'))
            return encoded;
        var raw = Encoding.UTF8.GetBytes(encoded);
        var decoded = new List<byte>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'%')
            {
                decoded.Add(raw[i]);
                continue;
            }
            if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                throw value.Invalid("has a bad %XX escape in its xattr name");
            decoded.Add((byte)(HexValue(raw[i + 1]) << 4 | HexValue(raw[i + 2])));
            i += 2;
        }
        try
        {
            return StrictUtf8.GetString([.. decoded]);
        }
        catch (DecoderFallbackException)
        {
            throw value.Invalid("has an xattr name that is not valid UTF-8");
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
