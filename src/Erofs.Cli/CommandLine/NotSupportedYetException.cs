namespace Erofs.Cli.CommandLine;

/// <summary>
/// An option (or option value) erofs-utils 1.9.3 has and we do not implement yet. The message is one line
/// naming it as erofs-utils spells it; the command fails (exit 1) instead of building something else.
/// </summary>
public sealed class NotSupportedYetException : NotSupportedException
{
    /// <summary>Creates an exception with an empty message.</summary>
    public NotSupportedYetException()
    {
    }

    /// <summary>Creates an exception whose message is "<paramref name="what"/> is not supported yet".</summary>
    public NotSupportedYetException(string what)
        : base($"{what} is not supported yet")
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public NotSupportedYetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws for the first occurrence of an option marked <see cref="OptionSpec.NotSupportedYet"/>.</summary>
    public static void ThrowIfAnyUsed(ParseResult args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var occurrence in args.Occurrences)
        {
            if (occurrence.Option.NotSupportedYet)
                throw new NotSupportedYetException($"option {HelpFormatter.Spell(occurrence.Option).Trim()}");
        }
    }
}
