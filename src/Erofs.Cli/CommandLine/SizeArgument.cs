using System.Globalization;

namespace Erofs.Cli.CommandLine;

/// <summary>Byte counts on the command line: plain digits, or digits with a binary K, M, G or T suffix.</summary>
internal static class SizeArgument
{
    /// <summary>The size <paramref name="text"/> gives; false when it is not one or does not fit in a long.</summary>
    public static bool TryParse(string text, out long size)
    {
        int shift = text.Length == 0 ? 0 : char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        string digits = shift == 0 ? text : text[..^1];
        bool valid = digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= long.MaxValue >> shift;
        size = valid ? long.Parse(digits, CultureInfo.InvariantCulture) << shift : 0;
        return valid;
    }

    /// <summary>The size <paramref name="text"/> gives.</summary>
    /// <exception cref="CommandLineException">It is not one.</exception>
    public static long Parse(string text) =>
        TryParse(text, out long size) ? size : throw new CommandLineException($"invalid size '{text}': use bytes or a number with K, M, G or T");
}
