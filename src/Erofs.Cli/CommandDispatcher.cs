using System.Reflection;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;
using Erofs.Cli.DropIn;

namespace Erofs.Cli;

/// <summary>
/// Picks the subcommand named by the first argument, parses the rest with its option table and
/// turns every expected failure into one line on standard error and a non-zero exit code.
/// </summary>
internal sealed class CommandDispatcher(IReadOnlyList<ICommand> commands)
{
    public const int ExitFailure = CommandRunner.ExitFailure;
    public const int ExitUsage = CommandRunner.ExitUsage;

    public static IReadOnlyList<ICommand> AllCommands() =>
        [new MkfsCommand(), new FsckCommand(), new DumpCommand(), new LsCommand(), new CatCommand(), new ExtractCommand(), new MountCommand(), new UmountCommand(), new StoreCommand(), new InstallLinksCommand()];

    public int Run(string[] args, CommandContext context)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            context.Output.Write(GeneralHelp());
            return args.Length == 0 ? ExitUsage : 0;
        }
        if (args[0] is "-V" or "--version")
        {
            context.Output.WriteLine($"erofs {Version} (follows erofs-utils {ToolVersion.ErofsUtils})");
            return 0;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            context.Error.WriteLine($"erofs: unknown command '{args[0]}'; see 'erofs --help'");
            return ExitUsage;
        }
        return RunCommand(command, args[1..], context);
    }

    private static int RunCommand(ICommand command, string[] args, CommandContext context) =>
        CommandRunner.Run($"erofs {command.Name}", command, args, context, DropInTools.ForCommand(command.Name));

    public static string CommandHelp(ICommand command) => CommandRunner.Help($"erofs {command.Name}", command);

    private string GeneralHelp()
    {
        int width = commands.Max(c => c.Name.Length);
        var lines = commands.Select(c => $"  {c.Name.PadRight(width)} {c.Summary}");
        return $"Usage: erofs COMMAND [OPTIONS] ARGS\nBuild, read, check, extract and mount EROFS images.\n\nCommands:\n{string.Join('\n', lines)}\n\n"
            + "Run 'erofs COMMAND --help' for a command's options.\n";
    }

    public static string Version =>
        typeof(CommandDispatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
