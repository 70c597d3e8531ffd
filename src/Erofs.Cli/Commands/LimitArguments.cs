using Erofs.Cli.CommandLine;
using Erofs.Reading;

namespace Erofs.Cli.Commands;

/// <summary>
/// The <see cref="ReadLimits"/> as options of every command that reads an image (fsck, extract, ls,
/// cat, dump, mount): <c>--max-depth=N</c> and friends; sizes take K, M or G suffixes.
/// </summary>
internal static class LimitArguments
{
    private static readonly (string Name, string Help, string Value)[] Specs =
    [
        ("max-depth", "deepest directory nesting walked (default 4096)", "#"),
        ("max-name", "longest entry name in bytes, at most 255 (default 255)", "#"),
        ("max-symlink", "longest symlink target (default 4096)", "#"),
        ("max-xattrs", "most xattrs per inode (default 65536)", "#"),
        ("max-xattr-bytes", "most bytes of xattr names and values per inode (default 4M)", "#"),
        ("max-decompressed-per-read", "bytes one read may decompress beyond what it returns (default 32M)", "#"),
        ("max-pcluster", "largest compressed cluster read, at most 1M (default 1M)", "#"),
    ];

    /// <summary>The option specs, to append to a command's table.</summary>
    public static IEnumerable<OptionSpec> Options => Specs.Select(s => new OptionSpec(null, s.Name, ArgumentKind.Required, s.Help, s.Value));

    /// <summary>The limits the options set; the defaults for options not given.</summary>
    public static ReadLimits Parse(ParseResult args)
    {
        var d = ReadLimits.Default;
        return d with
        {
            MaxDirectoryDepth = Int(args, "max-depth", d.MaxDirectoryDepth),
            MaxNameLength = Int(args, "max-name", d.MaxNameLength, max: ReadLimits.FormatMaxNameLength),
            MaxSymlinkLength = Int(args, "max-symlink", d.MaxSymlinkLength),
            MaxXattrsPerInode = Int(args, "max-xattrs", d.MaxXattrsPerInode),
            MaxXattrBytesPerInode = Int(args, "max-xattr-bytes", d.MaxXattrBytesPerInode),
            MaxDecompressedBytesPerRead = Size(args, "max-decompressed-per-read", d.MaxDecompressedBytesPerRead, long.MaxValue / 2),
            MaxPclusterBytes = Int(args, "max-pcluster", d.MaxPclusterBytes, max: ReadLimits.FormatMaxPclusterBytes),
        };
    }

    /// <summary>The limit options as given, to pass on to a re-executed daemon.</summary>
    public static IEnumerable<string> Forward(ParseResult args) =>
        Specs.Where(s => args.Has(s.Name)).Select(s => $"--{s.Name}={args.Value(s.Name)}");

    private static int Int(ParseResult args, string name, int fallback, int max = int.MaxValue) =>
        (int)Size(args, name, fallback, max);

    private static long Size(ParseResult args, string name, long fallback, long max)
    {
        if (args.Value(name) is not { } text)
            return fallback;
        long value;
        try
        {
            value = SizeArgument.Parse(text);
        }
        catch (CommandLineException e)
        {
            throw new CommandLineException($"--{name}: {e.Message}");
        }
        if (value < 1 || value > max)
            throw new CommandLineException($"--{name}={text}: must be between 1 and {max}");
        return value;
    }
}
