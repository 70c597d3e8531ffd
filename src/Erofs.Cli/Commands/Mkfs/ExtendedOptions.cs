using Erofs.Building;
using Erofs.Building.Compressing;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>Applies mkfs.erofs `-E` lists (`-Eforce-inode-compact,^xattr-name-filter`) to build options.</summary>
internal static class ExtendedOptions
{
    /// <summary>Features of mkfs.erofs 1.9 this builder does not write.</summary>
    private static readonly HashSet<string> Unsupported =
        ["48bit", "dot-omitted", "plain-xattr-prefixes", "fragments", "all-fragments", "fragdedupe"];

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
                ("legacy-compress", false) => Set(options, ref compression, compression with { LegacyIndexes = true }),
                ("ztailpacking", _) => Set(options, ref compression, compression with { TailPacking = !negated }),
                ("dedupe", _) => Set(options, ref compression, compression with { Dedupe = !negated }),
                _ when Unsupported.Contains(key) => throw new CommandLineException($"-E {raw}: not supported by this builder"),
                _ => throw new CommandLineException($"-E: unknown extended option '{raw}'"),
            };
        }
        return options;
    }

    private static BuildOptions Set(BuildOptions options, ref CompressionOptions compression, CompressionOptions changed)
    {
        compression = changed;
        return options;
    }
}
