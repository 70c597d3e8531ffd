using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Cli.Commands;

/// <summary>`erofs dump`: superblock (-s), statistics with total compression (-S), one inode (--path/--nid) with its compression summary and extents (-e); text or JSON.</summary>
internal sealed class DumpCommand : ICommand
{
    public string Name => "dump";
    public string Usage => "[-s] [-S] [-e] [--path=P | --nid=N] [--json] [OPTIONS] IMAGE";
    public string Summary => "show the superblock, statistics or one inode (options as in dump.erofs)";

    public OptionTable Options { get; } = new([
        new('s', null, ArgumentKind.None, "superblock and features (the default)"),
        new('S', null, ArgumentKind.None, "statistics of the whole tree, with its total compression ratio"),
        new('e', null, ArgumentKind.None, "with --path/--nid: list the inode's extents (with their encodings)"),
        new(null, "path", ArgumentKind.Required, "show the inode at this path", "PATH"),
        new(null, "nid", ArgumentKind.Required, "show the inode with this nid", "NID"),
        new(null, "json", ArgumentKind.None, "write JSON (schema: docs/dump-json-schema.md)"),
        ImageArguments.Device,
        ImageArguments.NoSuperblockCrc,
        .. LimitArguments.Options,
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        ImageArguments.NoMorePositionals(args, 1);
        if (args.Has("path") && args.Has("nid"))
            throw new CommandLineException("--path and --nid cannot be used together");
        bool oneInode = args.Has("path") || args.Has("nid");
        if (args.Has("e") && !oneInode)
            throw new CommandLineException("-e needs --path or --nid");
        using var image = ImageArguments.Open(imagePath, args, ErofsConformance.Lax);
        bool superblock = args.Has("s") || (!args.Has("S") && !oneInode);
        var report = new DumpReport
        {
            Superblock = superblock ? SuperblockReport.Create(image) : null,
            Statistics = args.Has("S") ? CollectStatistics(image, context) : null,
            Inode = oneInode ? InodeFor(image, args) : null,
        };
        if (args.Has("json"))
        {
            using var stream = context.OpenOutputStream();
            DumpJsonWriter.Write(stream, report);
            stream.WriteByte((byte)'\n');
        }
        else
        {
            new DumpTextWriter(context.Output).Write(report);
        }
        return 0;
    }

    private static StatisticsReport CollectStatistics(ErofsImage image, CommandContext context)
    {
        using var progress = ProgressReporter.ForTerminal(context, "scanning", (long)image.Superblock.InodeCount);
        return StatisticsReport.Collect(image, progress);
    }

    private static InodeReport InodeFor(ErofsImage image, ParseResult args)
    {
        var options = new InodeReportOptions { IncludeExtents = args.Has("e") };
        if (args.Value("path") is { } path)
            return InodeReport.ForPath(image, path, options) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
        string text = args.Value("nid")!;
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong nid))
            throw new CommandLineException($"invalid nid '{text}'");
        return InodeReport.ForNid(image, nid, options);
    }
}
