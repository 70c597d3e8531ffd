using Erofs.Cli.CommandLine;
using Erofs.Reading;

namespace Erofs.Cli.Commands;

/// <summary>`erofs cat IMAGE PATH`: write one regular file's content to standard output.</summary>
internal sealed class CatCommand : ICommand
{
    public string Name => "cat";
    public string Usage => "[OPTIONS] IMAGE PATH";
    public string Summary => "write a file's content to standard output";

    public OptionTable Options { get; } = new([ImageArguments.Device, ImageArguments.NoSuperblockCrc, .. LimitArguments.Options, ImageArguments.Help]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        string path = ImageArguments.Positional(args, 1, "PATH");
        ImageArguments.NoMorePositionals(args, 2);
        using var image = ImageArguments.Open(imagePath, args, ErofsConformance.Lax);
        var inode = image.ResolvePath(path) ?? throw new FileNotFoundException($"{path}: no such file in the image");
        if (inode.Kind != FileKind.Regular)
            throw new IOException($"{path}: is a {inode.Kind.ToString().ToLowerInvariant()}, not a regular file");
        using var output = context.OpenOutputStream();
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < (long)inode.Size;)
        {
            int n = image.Read(inode, offset, buffer);
            output.Write(buffer, 0, n);
            offset += n;
        }
        return 0;
    }
}
