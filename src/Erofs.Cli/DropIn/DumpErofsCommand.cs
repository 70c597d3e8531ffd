using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;

namespace Erofs.Cli.DropIn;

/// <summary>
/// dump.erofs: `erofs dump` (which takes every dump.erofs 1.9.3 option) with dump.erofs's help order and
/// spellings (<c>--nid=#</c>). Built around `erofs dump`'s own table, so options added there appear here too.
/// </summary>
internal sealed class DumpErofsCommand : ICommand
{
    // dump.erofs 1.9.3's help order; what `erofs dump` adds beyond it follows.
    private static readonly string[] ErofsUtilsOrder = ["version", "help", "S", "e", "s", "blkid-udev", "device", "ls", "cat", "nid", "offset", "path"];

    private readonly DumpCommand _dump = new();

    public DumpErofsCommand()
    {
        var byKey = _dump.Options.Options.ToDictionary(o => o.Key, Respell);
        var ordered = ErofsUtilsOrder.Where(byKey.ContainsKey).Select(k => byKey[k])
            .Concat(byKey.Values.Where(o => !ErofsUtilsOrder.Contains(o.Key)));
        Options = new OptionTable(ordered);
    }

    public string Name => "dump";
    public string Usage => "[OPTIONS] IMAGE";
    public string Summary => "show the superblock, statistics, one inode, a directory's entries or a file's content (options as in dump.erofs)";
    public OptionTable Options { get; }

    public int Run(ParseResult args, CommandContext context) => _dump.Run(args, context);

    // dump.erofs writes values as # (numbers) and X (anything else).
    private static OptionSpec Respell(OptionSpec option) => option.Key switch
    {
        "device" => option.SpelledAs("--device=X"),
        "nid" => option.SpelledAs("--nid=#"),
        "path" => option.SpelledAs("--path=X"),
        _ => option,
    };
}
