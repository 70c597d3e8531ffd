namespace Erofs.Cli.Commands;

/// <summary>Where a command writes: standard output for results, standard error for diagnostics.</summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    /// <summary>Results (listings, reports).</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Diagnostics and progress.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>True when standard error is a terminal, so progress bars may be drawn.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Raw standard output for binary data (cat).</summary>
    public Func<Stream> OpenOutputStream { get; init; } = Console.OpenStandardOutput;

    /// <summary>
    /// The name the user ran, which starts every message: <c>erofs mkfs</c>, or <c>mkfs.erofs</c> when
    /// the binary was run through that link.
    /// </summary>
    public string Program { get; init; } = "erofs";

    /// <summary>The same context under another program name.</summary>
    public CommandContext Named(string program) =>
        new(Output, Error, ErrorIsTerminal) { OpenOutputStream = OpenOutputStream, Program = program };
}
