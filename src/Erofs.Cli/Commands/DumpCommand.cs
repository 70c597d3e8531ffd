using System.Reflection;
using Erofs.Cli.CommandLine;
using Erofs.Dumping;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs dump`: dump.erofs's options and, by default, its output line for line (superblock -s,
/// statistics -S, one inode --path/--nid with --ls and -e, --cat, --blkid-udev), so scripts written
/// for dump.erofs work unchanged. What we show beyond it: --details (our text report) and --json.
/// </summary>
internal sealed class DumpCommand : ICommand
{
    public string Name => "dump";
    public string Usage => "[-s] [-S] [-e] [--ls] [--cat] [--path=P | --nid=N] [--json | --details] [OPTIONS] IMAGE";
    public string Summary => "show the superblock, statistics or one inode, as dump.erofs prints them";

    public OptionTable Options { get; } = new([
        new('s', null, ArgumentKind.None, "superblock and features (the default)"),
        new('S', null, ArgumentKind.None, "statistics of the whole tree"),
        new('e', null, ArgumentKind.None, "with --path/--nid: list the inode's extents"),
        new(null, "path", ArgumentKind.Required, "show the inode at this path", "PATH"),
        new(null, "nid", ArgumentKind.Required, "show the inode with this nid (decimal, 0x hex or 0 octal)", "NID"),
        new(null, "ls", ArgumentKind.None, "with --path/--nid: list the directory's entries"),
        new(null, "cat", ArgumentKind.None, "with --path/--nid: write the inode's content to standard output"),
        ImageArguments.Offset,
        new(null, "blkid-udev", ArgumentKind.None, "print the UUID and type as udev variables (ID_FS_*) and exit"),
        new(null, "details", ArgumentKind.None, "our own text report instead (more: checksums, xattrs, compression, problems)"),
        new(null, "json", ArgumentKind.None, "write JSON (schema: docs/dump-json-schema.md)"),
        ImageArguments.Device,
        ImageArguments.NoSuperblockCrc,
        .. LimitArguments.Options,
        new('V', "version", ArgumentKind.None, "print the version (and the erofs-utils release followed) and exit"),
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        ImageArguments.NoMorePositionals(args, 1);
        var mode = DumpMode.From(args);
        using var image = Open(imagePath, args);
        if (args.Has("blkid-udev"))
        {
            string uuid = image.Superblock.UuidText;
            context.Output.Write($"ID_FS_UUID={uuid}\nID_FS_UUID_ENC={uuid}\nID_FS_TYPE=erofs\nID_FS_USAGE=filesystem\n");
            return 0;
        }
        if (mode.Cat)
            return WriteContent(image, InodeFor(image, args, mode), context);
        if (mode.Json || mode.Details)
            return WriteReport(image, args, mode, context);
        return WriteAsDumpErofs(image, args, mode, context);
    }

    private static ErofsImage Open(string path, ParseResult args) => ImageArguments.Open(path, args, ErofsConformance.Lax);

    // dump.erofs's text: each section asked for, in its order, with no separator.
    private static int WriteAsDumpErofs(ErofsImage image, ParseResult args, DumpMode mode, CommandContext context)
    {
        ErofsUtilsStatistics? statistics = null;
        using (var output = new BufferedStream(context.OpenOutputStream()))
        {
            var writer = new ErofsUtilsTextWriter(output);
            if (mode.Superblock)
                writer.WriteSuperblock(SuperblockReport.Create(image));
            if (mode.Statistics)
            {
                using (var progress = ProgressReporter.ForTerminal(context, "scanning", (long)image.Superblock.InodeCount))
                    statistics = ErofsUtilsStatistics.Collect(image, progress);
                writer.WriteStatistics(statistics);
            }
            if (mode.OneInode)
                writer.WriteInode(image, InodeFor(image, args, mode), args.Has("ls"), args.Has("e"));
        }
        if (statistics is { ProblemCount: > 0 })
            WarnAboutSkippedParts(statistics, context);
        return 0;
    }

    // The counts printed leave out what could not be read; say what, on standard error.
    private static void WarnAboutSkippedParts(ErofsUtilsStatistics statistics, CommandContext context)
    {
        foreach (var p in statistics.Problems)
            context.Error.WriteLine($"erofs dump: warning: {p.Path}: {p.Message}");
        long unshown = statistics.ProblemCount - statistics.Problems.Count;
        if (unshown > 0)
            context.Error.WriteLine($"erofs dump: warning: {unshown} more problems not shown");
    }

    private static int WriteContent(ErofsImage image, InodeInfo inode, CommandContext context)
    {
        // A directory's or device's "content" is not what anyone means by cat: say so rather than print it.
        if (inode.Kind is not (FileKind.Regular or FileKind.Symlink))
            throw new IOException($"nid {inode.Nid}: a {inode.Kind.ToString().ToLowerInvariant()}, not a regular file or symlink: --cat writes only those");
        using var output = context.OpenOutputStream();
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < (long)inode.Size;)
        {
            int n = image.Read(inode, offset, buffer);
            if (n == 0)
                break;
            output.Write(buffer, 0, n);
            offset += n;
        }
        return 0;
    }

    // --details and --json: our reports.
    private static int WriteReport(ErofsImage image, ParseResult args, DumpMode mode, CommandContext context)
    {
        var report = new DumpReport
        {
            Superblock = mode.Superblock ? SuperblockReport.Create(image) : null,
            Statistics = mode.Statistics ? CollectStatistics(image, context) : null,
            Inode = mode.OneInode ? InodeReportFor(image, args, mode) : null,
        };
        if (mode.Json)
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

    private static InodeInfo InodeFor(ErofsImage image, ParseResult args, DumpMode mode)
    {
        if (args.Value("path") is { } path)
            return image.ResolvePath(path) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
        return image.GetInode(mode.Nid!.Value);
    }

    private static InodeReport InodeReportFor(ErofsImage image, ParseResult args, DumpMode mode)
    {
        var options = new InodeReportOptions { IncludeExtents = args.Has("e") };
        if (args.Value("path") is { } path)
            return InodeReport.ForPath(image, path, options) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
        return InodeReport.ForNid(image, mode.Nid!.Value, options);
    }
}
