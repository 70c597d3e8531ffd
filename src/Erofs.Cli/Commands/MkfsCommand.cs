using Erofs.Building;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands.Mkfs;

namespace Erofs.Cli.Commands;

/// <summary>`erofs mkfs [OPTIONS] IMAGE SOURCE`: build an image from a directory or a tar stream (mkfs.erofs syntax).</summary>
internal sealed class MkfsCommand : ICommand
{
    public string Name => "mkfs";
    public string Usage => "[OPTIONS] IMAGE SOURCE\n       with --tar: [OPTIONS] IMAGE [SOURCE]  (no SOURCE, or '-': standard input)\n" + MkfsOptionTable.ExtendedHelp.TrimEnd('\n');
    public string Summary => "build an image from a directory or tar file (options as in mkfs.erofs)";
    public OptionTable Options { get; } = MkfsOptionTable.Create();

    public int Run(ParseResult args, CommandContext context)
    {
        var request = MkfsArguments.Parse(args, Environment.GetEnvironmentVariable);
        // --quiet hides warnings too, as mkfs.erofs's --quiet lowers its message level to errors.
        if (!request.Quiet)
        {
            foreach (string warning in request.Warnings)
                context.Error.WriteLine($"{context.Program}: warning: {warning}");
        }
        using var source = MkfsSource.Load(request);
        var options = request.Options;
        if (request.Tar == TarMode.Index)
            options = options with { IndexedArchivePath = source.IndexablePath };
        var result = ImageBuilder.Build(source.Root, request.ImagePath, options);
        if (!request.Quiet)
            context.Output.WriteLine($"{request.ImagePath}: {result.Inodes} inodes, {result.Blocks} blocks of {result.BlockSize} bytes"
                + (result.BlobBlocks > 0 ? $", {result.BlobBlocks} blocks on the extra device" : ""));
        return 0;
    }
}
