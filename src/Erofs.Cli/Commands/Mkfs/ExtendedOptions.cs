using Erofs.Building;
using Erofs.Building.Compressing;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>Applies mkfs.erofs `-E` lists (`-Eforce-inode-compact,^xattr-name-filter`) to build options.</summary>
internal static class ExtendedOptions
{
    /// <summary>Features of mkfs.erofs 1.9 this builder does not write yet (their negations are the default, so accepted).</summary>
    private static readonly HashSet<string> Unsupported =
        ["48bit", "dot-omitted", "plain-xattr-prefixes"];

    /// <summary>Applies <paramref name="list"/>; compression features go to <paramref name="compression"/> (no effect without -z).</summary>
    public static BuildOptions Apply(BuildOptions options, string list, ref CompressionOptions compression)
    {
        foreach (string raw in list.Split(','))
        {
            bool negated = raw.StartsWith('^');
            string name = negated ? raw[1..] : raw;
            string key = name.Split('=')[0];
            options = (key, negated) switch
            {
                ("force-inode-compact", false) => options with { InodeForm = InodeFormPolicy.ForceCompact },
                ("force-inode-extended", false) => options with { InodeForm = InodeFormPolicy.ForceExtended },
                ("noinline_data", false) or ("inline_data", true) => options with { InlineData = false },
                ("inline_data", false) => options with { InlineData = true },
                ("xattr-name-filter", _) => options with { XattrNameFilter = !negated },
                ("force-chunk-indexes", false) => options with { ForceChunkIndexes = true },
                ("force-inode-blockmap", false) => options with { ForceInodeBlockmap = true },
                ("nosbcrc", false) => options with { SuperblockChecksum = false },
                ("legacy-compress", _) => Set(options, ref compression, compression with { LegacyIndexes = !negated }),
                ("ztailpacking", _) => Set(options, ref compression, compression with { TailPacking = !negated }),
                ("dedupe", _) => Set(options, ref compression, compression with { Dedupe = !negated }),
                ("fragments", false) => Set(options, ref compression, compression with { Fragments = true, PackedPclusterSize = PackedSize(name) }),
                ("fragments", true) => Set(options, ref compression, compression with { Fragments = false }),
                ("all-fragments", false) => Set(options, ref compression, compression with { AllFragments = true }),
                // As in mkfs.erofs, clearing all-fragments clears fragments too.
                ("all-fragments", true) => Set(options, ref compression, compression with { AllFragments = false, Fragments = false }),
                ("fragdedupe", _) => Set(options, ref compression, compression with { FragmentDedupe = !negated && FragDedupeMode(name) }),
                ("48bit" or "dot-omitted", true) => options,
                _ when Unsupported.Contains(key) => throw new NotSupportedYetException($"-E{raw}"),
                _ => throw new CommandLineException($"-E: unknown extended option '{raw}'"),
            };
        }
        return options;
    }

    /// <summary>The pcluster size of <c>fragments=SIZE</c> (bytes), 0 without one.</summary>
    private static int PackedSize(string option)
    {
        int eq = option.IndexOf('=');
        if (eq < 0)
            return 0;
        return int.TryParse(option.AsSpan(eq + 1), System.Globalization.NumberStyles.None, null, out int size) && size > 0
            ? size
            : throw new CommandLineException($"-E {option}: the packed pcluster size must be a positive number of bytes");
    }

    /// <summary><c>fragdedupe[=inode|full]</c>: both modes store identical fragments once here.</summary>
    private static bool FragDedupeMode(string option)
    {
        int eq = option.IndexOf('=');
        return eq < 0 || option[(eq + 1)..] is "inode" or "full"
            ? true
            : throw new CommandLineException($"-E {option}: fragdedupe takes 'inode' or 'full'");
    }

    private static BuildOptions Set(BuildOptions options, ref CompressionOptions compression, CompressionOptions changed)
    {
        compression = changed;
        return options;
    }
}
