using Erofs.Cli.CommandLine;
using Erofs.Cli.DropIn;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs install-links DIR`: makes mkfs.erofs, fsck.erofs, dump.erofs and erofsfuse in DIR symlinks to this
/// binary, which then behaves as each (it reads the name it was run under; a hard link made by hand works
/// too). Put DIR before erofs-utils' directory on PATH and whatever shells out to those programs runs ours.
/// </summary>
internal sealed class InstallLinksCommand : ICommand
{
    public string Name => "install-links";
    public string Usage => "[--force] DIR";
    public string Summary => "symlink mkfs.erofs, fsck.erofs, dump.erofs and erofsfuse in DIR to this binary";

    public OptionTable Options { get; } = new([
        new(null, "force", ArgumentKind.None, "replace files or links already there with those names"),
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string directory = Path.GetFullPath(ImageArguments.Positional(args, 0, "DIR"));
        ImageArguments.NoMorePositionals(args, 1);
        string binary = NativeBinary();
        if (!Directory.Exists(directory))
            throw new IOException($"{directory}: no such directory");
        foreach (var tool in DropInTools.All)
        {
            string link = Path.Combine(directory, tool.Name);
            if (IsLinkTo(link, binary))
            {
                context.Output.WriteLine($"{link}: already links to {binary}");
                continue;
            }
            // A dangling symlink does not "exist", but is there all the same.
            if (Path.Exists(link) || new FileInfo(link).LinkTarget is not null)
            {
                if (!args.Has("force"))
                    throw new IOException($"{link}: already exists (use --force to replace it)");
                if (Directory.Exists(link) && new DirectoryInfo(link).LinkTarget is null)
                    throw new IOException($"{link}: is a directory");
                File.Delete(link);
            }
            File.CreateSymbolicLink(link, binary);
            context.Output.WriteLine($"{link} -> {binary}");
        }
        return 0;
    }

    // The executable file itself: under `dotnet erofs.dll` a link would start dotnet, which knows no such tool.
    private static string NativeBinary()
    {
        string? path = Environment.ProcessPath;
        if (path is null || Path.GetFileNameWithoutExtension(path) == "dotnet")
            throw new NotSupportedException("install-links needs the native erofs binary (dotnet publish -p:PublishAot=true); under 'dotnet erofs.dll' a link cannot know the program name");
        return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
    }

    private static bool IsLinkTo(string link, string binary)
    {
        var info = new FileInfo(link);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true)?.FullName == binary;
    }
}
