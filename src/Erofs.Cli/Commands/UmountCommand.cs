using Erofs.Cli.CommandLine;
using Erofs.Fuse;

namespace Erofs.Cli.Commands;

/// <summary>`erofs umount MOUNTPOINT`: unmount what `erofs mount` mounted, also when its daemon is gone.</summary>
internal sealed class UmountCommand : ICommand
{
    private const string OurType = "fuse.erofs";

    public string Name => "umount";
    public string Usage => "MOUNTPOINT";
    public string Summary => "unmount an image mounted by 'erofs mount' (also a dead one)";

    public OptionTable Options { get; } = new([ImageArguments.Help]);

    public int Run(ParseResult args, CommandContext context)
    {
        string mountPoint = Path.GetFullPath(ImageArguments.Positional(args, 0, "MOUNTPOINT"));
        ImageArguments.NoMorePositionals(args, 1);
        var entry = FuseMounts.Find(mountPoint) ?? throw new IOException($"{mountPoint}: nothing is mounted there");
        if (entry.FileSystemType != OurType)
            throw new IOException($"{mountPoint}: is a {entry.FileSystemType} mount, not one of 'erofs mount' ({OurType})");
        FuseMounts.Unmount(mountPoint);
        return 0;
    }
}
