using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands;

/// <summary>`erofs extract IMAGE DIR`: recreate the image's tree (owners, modes, times, xattrs as root).</summary>
internal sealed class ExtractCommand : ICommand
{
    public string Name => "extract";
    public string Usage => "[OPTIONS] IMAGE DIR";
    public string Summary => "extract the whole tree into DIR (created if missing, must be empty)";

    public OptionTable Options { get; } = new([
        ImageArguments.Device,
        new(null, "overwrite", ArgumentKind.None, "replace files that already exist in DIR"),
        ImageArguments.NoSuperblockCrc,
        .. LimitArguments.Options,
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string imagePath = ImageArguments.Positional(args, 0, "IMAGE");
        string directory = ImageArguments.Positional(args, 1, "DIR");
        ImageArguments.NoMorePositionals(args, 2);
        using var image = ImageArguments.Open(imagePath, args, Reading.ErofsConformance.Lax);
        int failures = FsckCommand.Extract(image, directory, args.Has("overwrite"), context);
        if (failures == 0)
            return 0;
        context.Error.WriteLine($"erofs extract: {failures} entr{(failures == 1 ? "y" : "ies")} could not be extracted");
        return 1;
    }
}
