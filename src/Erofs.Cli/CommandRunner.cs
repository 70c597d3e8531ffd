using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;
using Erofs.Cli.DropIn;

namespace Erofs.Cli;

/// <summary>
/// Runs one command under the name it was invoked by (<c>erofs fsck</c> or <c>fsck.erofs</c>): help,
/// version, refusal of options not supported yet, and every expected failure as one line on standard
/// error with exit code 1 (failed, damaged) or 2 (usage).
/// </summary>
internal static class CommandRunner
{
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <param name="program">The name messages start with.</param>
    /// <param name="command">What runs.</param>
    /// <param name="args">The arguments after the program (and subcommand) name.</param>
    /// <param name="context">Where output goes.</param>
    /// <param name="tool">The erofs-utils tool this stands in for, when any: its version line and help exit code.</param>
    public static int Run(string program, ICommand command, string[] args, CommandContext context, DropInTool? tool = null)
    {
        context = context.Named(program);
        try
        {
            var parsed = command.Options.Parse(args);
            if (Asked(parsed, "help"))
            {
                context.Output.Write(Help(program, command));
                return tool?.HelpExitCode ?? 0;
            }
            if (Asked(parsed, "version"))
            {
                context.Output.Write(ToolVersion.Text(tool?.Name ?? program));
                return tool?.HelpExitCode ?? 0;
            }
            NotSupportedYetException.ThrowIfAnyUsed(parsed);
            return command.Run(parsed, context);
        }
        catch (CommandLineException e)
        {
            context.Error.WriteLine($"{program}: {e.Message}; see '{program} --help'");
            return ExitUsage;
        }
        catch (ErofsContentException e)
        {
            context.Error.WriteLine($"{program}: corrupted image: {e.Message}");
            return ExitFailure;
        }
        catch (NotSupportedYetException e)
        {
            context.Error.WriteLine($"{program}: {e.Message}");
            return ExitFailure;
        }
        catch (NotSupportedException e)
        {
            context.Error.WriteLine($"{program}: not supported: {e.Message}");
            return ExitFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Building.InvalidSourceException)
        {
            context.Error.WriteLine($"{program}: {e.Message}");
            return ExitFailure;
        }
    }

    /// <summary>The help of <paramref name="command"/> as run by <paramref name="program"/>.</summary>
    public static string Help(string program, ICommand command) =>
        $"Usage: {program} {command.Usage}\n{command.Summary}\n\nOptions:\n{command.Options.FormatHelp().TrimEnd('\n')}\n";

    private static bool Asked(ParseResult parsed, string key) => parsed.Defines(key) && parsed.Has(key);
}
