using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands;

/// <summary>One `erofs` subcommand: its options and what it does.</summary>
internal interface ICommand
{
    /// <summary>Name typed after `erofs`.</summary>
    string Name { get; }

    /// <summary>Usage line without the leading `erofs NAME`.</summary>
    string Usage { get; }

    /// <summary>One-line description for `erofs --help`.</summary>
    string Summary { get; }

    /// <summary>Accepted options (getopt_long spelling).</summary>
    OptionTable Options { get; }

    /// <summary>Runs with parsed arguments; returns the exit code.</summary>
    int Run(ParseResult args, CommandContext context);
}
