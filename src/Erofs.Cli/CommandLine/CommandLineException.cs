namespace Erofs.Cli.CommandLine;

/// <summary>
/// A command line that does not fit the option table. The message is one line in getopt's
/// wording (e.g. <c>unrecognized option '--foo'</c>) without the program-name prefix,
/// which the caller adds when printing it.
/// </summary>
public sealed class CommandLineException : Exception
{
    /// <summary>Creates an exception with an empty message.</summary>
    public CommandLineException()
    {
    }

    /// <summary>Creates an exception with a one-line message.</summary>
    public CommandLineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a one-line message and the error that caused it.</summary>
    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
