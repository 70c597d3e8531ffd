using Erofs.Cli.Commands;

namespace Erofs.Cli.DropIn;

/// <summary>
/// One erofs-utils program this binary stands in for when run under its name (a link named
/// <c>mkfs.erofs</c>, say): the command that does the work and how its help and version exit.
/// </summary>
/// <param name="Name">The program's name, as erofs-utils installs it.</param>
/// <param name="CommandName">The <c>erofs</c> subcommand with the same options, or null when the program has its own (dump.erofs, erofsfuse).</param>
/// <param name="Create">Makes the command that parses and runs the program's command line.</param>
/// <param name="HelpExitCode">
/// Exit code after <c>--help</c> or <c>-V</c>: 0, except for erofsfuse, whose 1.9.3 ends both with
/// EXIT_FAILURE; scripts test zero against non-zero, so ours is non-zero there too.
/// </param>
internal sealed record DropInTool(string Name, string? CommandName, Func<ICommand> Create, int HelpExitCode = 0)
{
    /// <summary>Runs the program with <paramref name="args"/> (everything after argv[0]).</summary>
    public int Run(string[] args, CommandContext context) => CommandRunner.Run(Name, Create(), args, context, this);
}
