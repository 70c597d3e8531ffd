using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;

namespace Erofs.Cli.DropIn;

/// <summary>
/// erofsfuse: <c>erofsfuse [-f] [-d] [--offset=#] [--device=X] [-o OPTIONS] IMAGE MOUNTPOINT</c> runs `erofs
/// mount`, served by the FUSE daemon. As erofsfuse (through libfuse) does, it serves in the background
/// unless <c>-f</c> or <c>-d</c> is given; the mount stays until <c>umount</c> / <c>fusermount3 -u</c>.
/// </summary>
internal sealed class ErofsFuseCommand : ICommand
{
    public string Name => "erofsfuse";
    public string Usage => "[OPTIONS] IMAGE MOUNTPOINT";
    public string Summary => "mount IMAGE read-only on MOUNTPOINT through FUSE (served by `erofs mount`)";

    public OptionTable Options { get; } = new([
        ImageArguments.Offset,
        new(null, "dbglevel", ArgumentKind.Required, "message level 0-9 (accepted; the daemon logs errors and mismatches)", "#"),
        ImageArguments.Device.SpelledAs("--device=#"),
        ImageArguments.Help,
        new('V', "version", ArgumentKind.None, "print the version (and the erofs-utils release followed)"),
        new('d', null, ArgumentKind.None, "debug: stay in the foreground (as -f)"),
        new('f', null, ArgumentKind.None, "stay in the foreground and serve until unmounted"),
        new('s', null, ArgumentKind.None, "single-threaded (accepted; the daemon sizes its own workers)"),
        new('o', null, ArgumentKind.Required, "mount options: ro, allow_other, default_permissions, nosuid, nodev (always so here), "
            + "and `erofs mount -o`'s (device=, inode_share, domain_id=, ...)") { Spelling = "-o opt,[opt...]" },
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string image = ImageArguments.Positional(args, 0, "IMAGE");
        string mountPoint = ImageArguments.Positional(args, 1, "MOUNTPOINT");
        ImageArguments.NoMorePositionals(args, 2);
        if (args.Value("dbglevel") is { } level && !(uint.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out uint l) && l <= 9))
            throw new CommandLineException($"--dbglevel: invalid level {level} (0 to 9)");
        var options = FuseOptionList.Translate(args.Values("o"));
        options.AddRange(args.Values("device").Select(d => "device=" + d));
        long offset = ImageArguments.OffsetOf(args);
        string[] mountArgs =
        [
            .. options.SelectMany(o => new[] { "-o", o }),
            .. (args.Has("f") || args.Has("d") ? ["-f"] : Array.Empty<string>()),
            .. (offset == 0 ? Array.Empty<string>() : [$"--offset={offset.ToString(CultureInfo.InvariantCulture)}"]),
            "--", image, mountPoint,
        ];
        var mount = new MountCommand();
        return mount.Run(mount.Options.Parse(mountArgs), context);
    }
}
