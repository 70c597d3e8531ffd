using System.Globalization;
using System.Text;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Stable names and text renderings shared by the dump reports and writers.</summary>
public static class DumpFormat
{
    // Largest second count DateTimeOffset can represent (9999-12-31T23:59:59Z).
    private const long MaxUnixSeconds = 253402300799;
    private const long MinUnixSeconds = -62135596800;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Snake-case token of a file type: regular, directory, char_device, block_device, fifo, socket, symlink, unknown.</summary>
    public static string KindToken(FileKind kind) => kind switch
    {
        FileKind.Regular => "regular",
        FileKind.Directory => "directory",
        FileKind.CharacterDevice => "char_device",
        FileKind.BlockDevice => "block_device",
        FileKind.Fifo => "fifo",
        FileKind.Socket => "socket",
        FileKind.Symlink => "symlink",
        _ => "unknown",
    };

    /// <summary>Snake-case token of a data layout: flat_plain, compressed_full, flat_inline, compressed_compact, chunk_based.</summary>
    public static string LayoutToken(InodeLayout layout) => layout switch
    {
        InodeLayout.FlatPlain => "flat_plain",
        InodeLayout.CompressedFull => "compressed_full",
        InodeLayout.FlatInline => "flat_inline",
        InodeLayout.CompressedCompact => "compressed_compact",
        InodeLayout.ChunkBased => "chunk_based",
        _ => $"layout_{(int)layout}",
    };

    /// <summary>Snake-case token of an extent kind: plain, inline, hole, compressed, fragment.</summary>
    public static string ExtentKindToken(ExtentKind kind) => kind switch
    {
        ExtentKind.Plain => "plain",
        ExtentKind.Inline => "inline",
        ExtentKind.Hole => "hole",
        ExtentKind.Compressed => "compressed",
        ExtentKind.Fragment => "fragment",
        _ => "unknown",
    };

    /// <summary>Snake-case token of an extent encoding: none, lz4, lzma, deflate, zstd, shifted, interlaced.</summary>
    public static string EncodingToken(ExtentEncoding encoding) => encoding switch
    {
        ExtentEncoding.None => "none",
        ExtentEncoding.Lz4 => "lz4",
        ExtentEncoding.Lzma => "lzma",
        ExtentEncoding.Deflate => "deflate",
        ExtentEncoding.Zstd => "zstd",
        ExtentEncoding.Shifted => "shifted",
        ExtentEncoding.Interlaced => "interlaced",
        _ => $"encoding_{(int)encoding}",
    };

    /// <summary>
    /// Seconds (and optional nanoseconds) since the Unix epoch as ISO-8601 UTC, for example
    /// <c>2023-11-14T22:13:20Z</c> or <c>2023-11-14T22:13:20.000000000Z</c>; times outside
    /// years 1..9999 are rendered as <c>@seconds</c> since the image may hold any value.
    /// </summary>
    public static string UnixTime(long seconds, uint? nanoseconds = null)
    {
        if (seconds is < MinUnixSeconds or > MaxUnixSeconds)
            return nanoseconds is { } n ? $"@{seconds}.{n:D9}" : $"@{seconds}";
        string text = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return nanoseconds is { } ns ? $"{text}.{ns:D9}Z" : text + "Z";
    }

    /// <summary><see cref="UnixTime(long, uint?)"/> for an unsigned second count (superblock times).</summary>
    public static string UnixTime(ulong seconds) =>
        seconds > MaxUnixSeconds ? $"@{seconds}" : UnixTime((long)seconds);

    /// <summary>The whole mode in octal, six digits (for example <c>100644</c>).</summary>
    public static string ModeOctal(int mode) => Convert.ToString(mode & 0xFFFF, 8).PadLeft(6, '0');

    /// <summary>Permission bits in octal with set-id and sticky bits, four digits (for example <c>0644</c>).</summary>
    public static string PermissionsOctal(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>The mode as <c>ls -l</c> shows it, for example <c>-rw-r--r--</c> or <c>drwxrwxrwt</c>.</summary>
    public static string ModeString(int mode)
    {
        Span<char> s = stackalloc char[10];
        s[0] = FileModes.LsChar(FileModes.KindOf(mode));
        Triplet(s[1..4], mode >> 6, special: (mode & 0x800) != 0, 's');
        Triplet(s[4..7], mode >> 3, special: (mode & 0x400) != 0, 's');
        Triplet(s[7..10], mode, special: (mode & 0x200) != 0, 't');
        return new string(s);
    }

    private static void Triplet(Span<char> s, int bits, bool special, char mark)
    {
        s[0] = (bits & 4) != 0 ? 'r' : '-';
        s[1] = (bits & 2) != 0 ? 'w' : '-';
        bool exec = (bits & 1) != 0;
        // setuid/setgid/sticky replace the x: lower case when x is set too, upper case when not.
        s[2] = special ? (exec ? mark : char.ToUpperInvariant(mark)) : (exec ? 'x' : '-');
    }

    /// <summary>
    /// The value as text when it is valid UTF-8 without control characters (NUL included),
    /// otherwise null: such values are shown as base64 so nothing is lost or garbled.
    /// </summary>
    public static string? PrintableText(byte[] value)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        foreach (char c in text)
        {
            if (char.IsControl(c))
                return null;
        }
        return text;
    }

    /// <summary>
    /// A fingerprint value as text: an ASCII algorithm tag up to ':' is kept (<c>sha256:</c>)
    /// and the digest bytes after it are lower-case hex; without a tag the whole value is hex.
    /// </summary>
    public static string FingerprintText(byte[] value)
    {
        int colon = Array.IndexOf(value, (byte)':');
        if (colon > 0 && colon <= 32 && value.AsSpan(0, colon).IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) < 0)
            return Encoding.ASCII.GetString(value, 0, colon + 1) + Convert.ToHexStringLower(value, colon + 1, value.Length - colon - 1);
        return Convert.ToHexStringLower(value);
    }
}
