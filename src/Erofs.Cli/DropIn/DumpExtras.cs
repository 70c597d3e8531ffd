using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;
using Erofs.Reading;

namespace Erofs.Cli.DropIn;

/// <summary>dump.erofs's <c>--blkid-udev</c>, <c>--cat</c> and <c>--ls</c>, in its output format.</summary>
internal static class DumpExtras
{
    /// <summary>The four lines udev imports: lower-case UUID, twice, type and usage.</summary>
    public static int BlkidUdev(ParseResult args, CommandContext context)
    {
        using var image = Open(args);
        string uuid = image.Superblock.UuidText;
        context.Output.Write($"ID_FS_UUID={uuid}\nID_FS_UUID_ENC={uuid}\nID_FS_TYPE=erofs\nID_FS_USAGE=filesystem\n");
        return 0;
    }

    /// <summary>The bytes of a file (a symlink's target), nothing else, on standard output.</summary>
    public static int Cat(ParseResult args, CommandContext context)
    {
        if (args.Has("S") || args.Has("e") || args.Has("s") || args.Has("ls"))
            throw new CommandLineException("--cat cannot be used with -S, -e, -s or --ls");
        using var image = Open(args);
        var inode = Target(image, args, "--cat");
        using var output = context.OpenOutputStream();
        switch (inode.Kind)
        {
            case FileKind.Regular:
                image.OpenRead(inode).CopyTo(output, 1 << 20);
                break;
            case FileKind.Symlink:
                output.Write(image.ReadLinkBytes(inode));
                break;
            default:
                throw new IOException($"{Describe(args)}: is a {inode.Kind.ToString().ToLowerInvariant()}, not a regular file or symlink");
        }
        return 0;
    }

    /// <summary>dump.erofs's directory listing: a header, then nid, dirent type and name per entry, "." and ".." included.</summary>
    public static int List(ParseResult args, CommandContext context)
    {
        using var image = Open(args);
        var inode = Target(image, args, "--ls");
        if (inode.Kind != FileKind.Directory)
            throw new IOException($"{Describe(args)}: not a directory");
        var text = context.Output;
        text.Write("\n       NID TYPE  FILENAME\n");
        foreach (var entry in image.ReadDirectory(inode))
            text.Write(string.Create(CultureInfo.InvariantCulture, $"{entry.Nid,10}    {entry.FileType}  {entry.Name}\n"));
        return 0;
    }

    private static ErofsImage Open(ParseResult args)
    {
        string path = ImageArguments.Positional(args, 0, "IMAGE");
        ImageArguments.NoMorePositionals(args, 1);
        return ImageArguments.Open(path, args, ErofsConformance.Lax);
    }

    private static InodeInfo Target(ErofsImage image, ParseResult args, string option)
    {
        if (args.Value("path") is { } path)
            return image.ResolvePath(path) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
        if (args.Value("nid") is not { } text)
            throw new CommandLineException($"{option} needs --path or --nid");
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong nid)
            ? image.GetInode(nid)
            : throw new CommandLineException($"invalid nid '{text}'");
    }

    private static string Describe(ParseResult args) => args.Value("path") ?? $"nid {args.Value("nid")}";
}
