using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands;

/// <summary>What one `erofs dump` run shows, from its options, with the combinations it refuses.</summary>
internal sealed record DumpMode
{
    /// <summary>-s, or nothing else asked for (dump.erofs's default).</summary>
    public required bool Superblock { get; init; }
    /// <summary>-S.</summary>
    public required bool Statistics { get; init; }
    /// <summary>--path or --nid.</summary>
    public required bool OneInode { get; init; }
    /// <summary>The --nid value, parsed as C's strtoull(…, 0) does (before the image is opened, as dump.erofs).</summary>
    public required ulong? Nid { get; init; }
    /// <summary>--cat: the inode's content, nothing else.</summary>
    public required bool Cat { get; init; }
    /// <summary>--json.</summary>
    public required bool Json { get; init; }
    /// <summary>--details.</summary>
    public required bool Details { get; init; }

    public static DumpMode From(ParseResult args)
    {
        if (args.Has("path") && args.Has("nid"))
            throw new CommandLineException("--path and --nid cannot be used together");
        if (args.Has("json") && args.Has("details"))
            throw new CommandLineException("--json and --details cannot be used together");
        bool oneInode = args.Has("path") || args.Has("nid");
        foreach (string option in new[] { "e", "ls", "cat" })
        {
            if (args.Has(option) && !oneInode)
                throw new CommandLineException($"{(option.Length == 1 ? "-" : "--")}{option} needs --path or --nid");
        }
        bool cat = args.Has("cat");
        // dump.erofs's own message for these.
        if (cat && (args.Has("s") || args.Has("S") || args.Has("e") || args.Has("ls")))
            throw new CommandLineException("The '--cat' flag is incompatible with '-S', '-e', '-s' and '--ls'");
        if ((cat || args.Has("ls")) && (args.Has("json") || args.Has("details")))
            throw new CommandLineException($"{(cat ? "--cat" : "--ls")} cannot be combined with --json or --details");
        ulong? nid = args.Value("nid") is { } text ? CNumber.ParseUnsigned(text) ?? throw new CommandLineException($"invalid NID {text}") : null;
        return new DumpMode
        {
            Superblock = args.Has("s") || (!args.Has("S") && !oneInode),
            Statistics = args.Has("S"),
            OneInode = oneInode,
            Nid = nid,
            Cat = cat,
            Json = args.Has("json"),
            Details = args.Has("details"),
        };
    }
}
