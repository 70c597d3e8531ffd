using System.Globalization;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>
/// mkfs.erofs <c>--zfeature-bits=#</c>: bit i sets, and a clear bit below the highest set one clears, the
/// i-th compression feature of mkfs.erofs 1.9.3's list; turned into the equivalent <c>-E</c> list.
/// </summary>
internal static class ZFeatureBits
{
    // mkfs.erofs 1.9.3's z_erofs_mkfs_features, in bit order.
    private static readonly string[] Features =
        ["legacy-compress", "ztailpacking", "fragments", "all-fragments", "dedupe", "fragdedupe", "48bit", "dot-omitted"];

    /// <summary>The <c>-E</c> list for <paramref name="text"/> (decimal, or hexadecimal with 0x, as strtol reads it); empty for 0.</summary>
    /// <exception cref="CommandLineException">Not a number, negative, or a bit past the list.</exception>
    public static string ToExtendedOptions(string text)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!ulong.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out ulong bits))
            throw new CommandLineException($"--zfeature-bits: invalid zfeature bits {text}");
        var items = new List<string>();
        for (int i = 0; bits != 0; i++, bits >>= 1)
        {
            if (i >= Features.Length)
                throw new CommandLineException($"--zfeature-bits: unsupported zfeature bit {i}");
            items.Add((bits & 1) != 0 ? Features[i] : "^" + Features[i]);
        }
        return string.Join(',', items);
    }
}
