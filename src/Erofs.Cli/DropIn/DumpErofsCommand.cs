using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;

namespace Erofs.Cli.DropIn;

/// <summary>
/// dump.erofs: `erofs dump` with dump.erofs 1.9.3's options it lacks (<c>--ls</c>, <c>--cat</c>,
/// <c>--offset</c>, <c>--blkid-udev</c>, <c>-V</c>) and its help spellings (<c>--nid=#</c>). Built around
/// `erofs dump`'s own table, so options added there appear here too; an extra option is only ours while
/// `erofs dump` does not define it.
/// </summary>
internal sealed class DumpErofsCommand : ICommand
{
    // dump.erofs 1.9.3's help order; what `erofs dump` adds beyond it follows.
    private static readonly string[] ErofsUtilsOrder = ["version", "help", "S", "e", "s", "blkid-udev", "device", "ls", "cat", "nid", "offset", "path"];

    private readonly DumpCommand _dump = new();

    public DumpErofsCommand()
    {
        var byKey = _dump.Options.Options.ToDictionary(o => o.Key, Respell);
        foreach (var extra in Extras().Where(e => !byKey.ContainsKey(e.Key)))
            byKey[extra.Key] = extra;
        var ordered = ErofsUtilsOrder.Where(byKey.ContainsKey).Select(k => byKey[k])
            .Concat(byKey.Values.Where(o => !ErofsUtilsOrder.Contains(o.Key)));
        Options = new OptionTable(ordered);
    }

    public string Name => "dump";
    public string Usage => "[OPTIONS] IMAGE";
    public string Summary => "show the superblock, statistics, one inode, a directory's entries or a file's content (options as in dump.erofs)";
    public OptionTable Options { get; }

    public int Run(ParseResult args, CommandContext context)
    {
        if (Ours(args, "blkid-udev"))
            return DumpExtras.BlkidUdev(args, context);
        if (Ours(args, "cat"))
            return DumpExtras.Cat(args, context);
        bool list = Ours(args, "ls");
        if (list && !args.Has("path") && !args.Has("nid"))
            throw new CommandLineException("--ls needs --path or --nid");
        if (list && args.Has("json"))
            throw new CommandLineException("--ls lists as text: it cannot be used with --json");
        int status = _dump.Run(args, context);
        // dump.erofs prints the listing between the inode and its extents (-e); here it follows both.
        return status == 0 && list ? DumpExtras.List(args, context) : status;
    }

    // Given, and handled here rather than by `erofs dump`.
    private bool Ours(ParseResult args, string key) => !_dump.Options.Defines(key) && args.Has(key);

    private static IEnumerable<OptionSpec> Extras() =>
    [
        new('V', "version", ArgumentKind.None, "print the version (and the erofs-utils release followed) and exit"),
        new(null, "blkid-udev", ArgumentKind.None, "print the UUID and type as udev variables (ID_FS_UUID=...), for blkid-style probing"),
        new(null, "ls", ArgumentKind.None, "with --path/--nid: list the directory's entries (nid, type, name)"),
        new(null, "cat", ArgumentKind.None, "with --path/--nid: write the file's content to standard output"),
        ImageArguments.Offset,
    ];

    // dump.erofs writes values as # (numbers) and X (anything else).
    private static OptionSpec Respell(OptionSpec option) => option.Key switch
    {
        "device" => option.SpelledAs("--device=X"),
        "nid" => option.SpelledAs("--nid=#"),
        "path" => option.SpelledAs("--path=X"),
        _ => option,
    };
}
