using System.Reflection;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;

namespace Erofs.Cli;

/// <summary>
/// Picks the subcommand named by the first argument, parses the rest with its option table and
/// turns every expected failure into one line on standard error and a non-zero exit code.
/// </summary>
internal sealed class CommandDispatcher(IReadOnlyList<ICommand> commands)
{
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public static IReadOnlyList<ICommand> AllCommands() =>
        [new MkfsCommand(), new FsckCommand(), new DumpCommand(), new LsCommand(), new CatCommand(), new ExtractCommand(), new MountCommand(), new UmountCommand(), new StoreCommand()];

    public int Run(string[] args, CommandContext context)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            context.Output.Write(GeneralHelp());
            return args.Length == 0 ? ExitUsage : 0;
        }
        if (args[0] is "-V" or "--version")
        {
            context.Output.WriteLine($"erofs {Version}");
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

    private static int RunCommand(ICommand command, string[] args, CommandContext context)
    {
        string prefix = $"erofs {command.Name}";
        try
        {
            var parsed = command.Options.Parse(args);
            if (parsed.Has("help"))
            {
                context.Output.Write(CommandHelp(command));
                return 0;
            }
            return command.Run(parsed, context);
        }
        catch (CommandLineException e)
        {
            context.Error.WriteLine($"{prefix}: {e.Message}; see '{prefix} --help'");
            return ExitUsage;
        }
        catch (ErofsContentException e)
        {
            context.Error.WriteLine($"{prefix}: corrupted image: {e.Message}");
            return ExitFailure;
        }
        catch (NotSupportedException e)
        {
            context.Error.WriteLine($"{prefix}: not supported: {e.Message}");
            return ExitFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Building.InvalidSourceException)
        {
            context.Error.WriteLine($"{prefix}: {e.Message}");
            return ExitFailure;
        }
    }

    public static string CommandHelp(ICommand command) =>
        $"Usage: erofs {command.Name} {command.Usage}\n{command.Summary}\n\nOptions:\n{command.Options.FormatHelp().TrimEnd('\n')}\n";

    private string GeneralHelp()
    {
        var lines = commands.Select(c => $"  {c.Name,-9} {c.Summary}");
        return $"Usage: erofs COMMAND [OPTIONS] ARGS\nBuild, read, check, extract and mount EROFS images.\n\nCommands:\n{string.Join('\n', lines)}\n\n"
            + "Run 'erofs COMMAND --help' for a command's options.\n";
    }

    private static string Version =>
        typeof(CommandDispatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
