using System.Globalization;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>Numeric option values, with errors that name the option.</summary>
internal static class MkfsNumbers
{
    public static long ParseLong(string text, string option)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw new CommandLineException($"{option}: '{text}' is not a number");
        return value;
    }

    public static uint ParseId(string text, string option)
    {
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
            throw new CommandLineException($"{option}: '{text}' is not a valid id (0 to 4294967295)");
        return value;
    }

    /// <summary>A byte count; accepts K/M/G/T suffixes (powers of 1024) as well as plain numbers.</summary>
    public static long ParseSize(string text, string option) =>
        SizeArgument.TryParse(text, out long size) ? size : throw new CommandLineException($"{option}: '{text}' is not a size");
}
