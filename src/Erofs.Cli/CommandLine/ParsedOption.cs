namespace Erofs.Cli.CommandLine;

/// <summary>One occurrence of an option on the command line.</summary>
/// <param name="Option">The table row that matched.</param>
/// <param name="Value">The value given with this occurrence, or null when it had none.</param>
public readonly record struct ParsedOption(OptionSpec Option, string? Value);
