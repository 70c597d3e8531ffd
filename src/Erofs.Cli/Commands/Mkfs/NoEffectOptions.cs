using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>
/// mkfs.erofs options that change nothing in this builder for some values: those values are accepted
/// (checked as mkfs.erofs checks them), any other is refused as not supported yet. Never silently ignored.
/// </summary>
internal static class NoEffectOptions
{
    public static void Check(string key, string? value)
    {
        string v = value ?? "";
        switch (key)
        {
            case "version" or "help":
                return; // answered before the build
            case "sort":
                // mkfs.erofs 1.9.3 acts on "none" only: with an uncompressed build and -Enoinline_data it writes
                // each tar member's data as it reads it, in archive order, instead of buffering it first. The
                // files and metadata are the same either way; this builder always reads the archive first.
                return;
            case "async-queue-limit":
                Count(v, key);
                return;
            case "mount-point":
                return; // prefixes Android fs_config and SELinux lookups only; this mkfs does neither
            case "clean":
                if (value is null or "data")
                    return; // a full build, which is what this builder always does
                if (value is "rvsp" or "0" || long.TryParse(value, out _))
                    throw new NotSupportedYetException($"--clean={value}");
                throw new CommandLineException($"invalid --clean={value}");
            case "dsunit" or "fsalignblks":
                if (Count(v, key) > 1)
                    throw new NotSupportedYetException($"--{key}={v}");
                return;
            case "offset" or "root-xattr-isize":
                if (Count(v, key) != 0)
                    throw new NotSupportedYetException($"--{key}={v}");
                return;
            default:
                throw new InvalidOperationException($"mkfs option --{key} has no handler");
        }
    }

    private static long Count(string text, string key)
    {
        long n = MkfsNumbers.ParseLong(text, "--" + key);
        return n >= 0 ? n : throw new CommandLineException($"--{key}: '{text}' is negative");
    }
}
