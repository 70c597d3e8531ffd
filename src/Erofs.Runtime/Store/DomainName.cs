using System.Text;

namespace Erofs.Runtime.Store;

/// <summary>
/// The rule for a domain's name. The kernel takes any <c>domain_id</c> its option parser can carry; a
/// domain here is also a directory of the store, so the name must be one safe directory name: 1 to 255
/// bytes of UTF-8, not "." or "..", no '/', NUL or control character (a log line stays one line), and no
/// ',' (an <c>-o</c> list splits there, so such a name could never be given as <c>domain_id=</c>).
/// </summary>
public static class DomainName
{
    /// <summary>Longest name, in UTF-8 bytes: the longest file name Linux takes (NAME_MAX).</summary>
    public const int MaxBytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns <paramref name="name"/> when it is a valid domain name.</summary>
    /// <exception cref="ArgumentException">The name is not valid; the message says why.</exception>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Problem(name) is { } problem ? throw new ArgumentException($"domain_id '{Printable(name)}' is invalid: {problem}") : name;
    }

    /// <summary>Whether <paramref name="name"/> is a valid domain name.</summary>
    public static bool IsValid(string name) => name is not null && Problem(name) is null;

    private static string? Problem(string name)
    {
        if (name.Length == 0)
            return "it is empty";
        if (name is "." or "..")
            return "'.' and '..' are not directory names";
        if (name.Contains('/'))
            return "it contains '/'";
        if (name.Contains(','))
            return "it contains ',' (which separates mount options)";
        if (name.Any(char.IsControl))
            return "it contains a control character (NUL, newline, ...)";
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException)
        {
            return "it is not valid Unicode";
        }
        return bytes > MaxBytes ? $"it is {bytes} bytes long (at most {MaxBytes})" : null;
    }

    // An invalid name is echoed without its control characters, so the error stays one line.
    private static string Printable(string name) =>
        new([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
