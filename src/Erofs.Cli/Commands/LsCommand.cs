using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Cli.Commands;

/// <summary>`erofs ls [-l] IMAGE [PATH]`: list a directory (or show one entry), like ls.</summary>
internal sealed class LsCommand : ICommand
{
    public string Name => "ls";
    public string Usage => "[-l] [OPTIONS] IMAGE [PATH]";
    public string Summary => "list a directory of the image (default: the root)";

    public OptionTable Options { get; } = new([
        new('l', null, ArgumentKind.None, "long listing: mode, links, owner, group, size, mtime"),
        ImageArguments.Device,
        ImageArguments.NoSuperblockCrc,
        .. LimitArguments.Options,
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        string path = args.Positionals.Count > 1 ? args.Positionals[1] : "/";
        ImageArguments.NoMorePositionals(args, 2);
        using var image = ImageArguments.Open(imagePath, args, ErofsConformance.Lax);
        var inode = image.ResolvePath(path) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
        bool longFormat = args.Has("l");
        if (inode.Kind != FileKind.Directory)
        {
            context.Output.WriteLine(Line(image, inode, path, longFormat));
            return 0;
        }
        foreach (var entry in image.ReadDirectory(inode))
        {
            if (!entry.IsDotOrDotDot)
                context.Output.WriteLine(Line(image, image.GetInode(entry.Nid), entry.Name, longFormat));
        }
        return 0;
    }

    private static string Line(ErofsImage image, InodeInfo inode, string name, bool longFormat)
    {
        if (!longFormat)
            return name;
        string size = inode.Kind is FileKind.CharacterDevice or FileKind.BlockDevice
            ? $"{inode.RdevMajor}, {inode.RdevMinor}"
            : inode.Size.ToString(CultureInfo.InvariantCulture);
        var mtime = DateTimeOffset.FromUnixTimeSeconds(inode.MtimeSeconds).UtcDateTime;
        string target = inode.Kind == FileKind.Symlink ? " -> " + image.ReadLink(inode) : "";
        return $"{DumpFormat.ModeString(inode.Mode)} {inode.Nlink,3} {inode.Uid,5} {inode.Gid,5} {size,10} {mtime:yyyy-MM-dd HH:mm} {name}{target}";
    }
}
