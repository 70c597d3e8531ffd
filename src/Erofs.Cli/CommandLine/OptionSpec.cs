namespace Erofs.Cli.CommandLine;

/// <summary>
/// One row of an option table: a short letter and/or a long name, whether it takes a value,
/// and a one-line description for the help text.
/// </summary>
public sealed class OptionSpec
{
    /// <summary>Creates an option; at least one of <paramref name="shortName"/> and <paramref name="longName"/> is required.</summary>
    /// <param name="shortName">The letter used as <c>-x</c>, or null for a long-only option.</param>
    /// <param name="longName">The name used as <c>--name</c> (without dashes), or null for a short-only option.</param>
    /// <param name="argument">Whether the option takes a value.</param>
    /// <param name="description">One line for the help text; null hides the option from help.</param>
    /// <param name="valueName">How the value is shown in help (e.g. <c>SIZE</c>); ignored for <see cref="ArgumentKind.None"/>.</param>
    /// <exception cref="ArgumentException">Neither name is given, or a name cannot be spelled on a command line.</exception>
    public OptionSpec(char? shortName, string? longName, ArgumentKind argument, string? description, string valueName = "VALUE")
    {
        if (shortName is null && longName is null)
            throw new ArgumentException("An option needs a short letter or a long name.", nameof(longName));
        // '-' would make "--" ambiguous; whitespace and control characters cannot be typed usefully.
        if (shortName is { } c && (c == '-' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"'{c}' cannot be a short option letter.", nameof(shortName));
        // '=' separates the value; a leading '-' would need "---" on the command line.
        if (longName is not null && (longName.Length == 0 || longName.Contains('=') || longName.StartsWith('-')))
            throw new ArgumentException($"'{longName}' cannot be a long option name.", nameof(longName));
        ArgumentException.ThrowIfNullOrEmpty(valueName);
        ShortName = shortName;
        LongName = longName;
        Argument = argument;
        Description = description;
        ValueName = valueName;
    }

    /// <summary>The short letter (<c>-x</c>), or null.</summary>
    public char? ShortName { get; }

    /// <summary>The long name without dashes (<c>--name</c>), or null.</summary>
    public string? LongName { get; }

    /// <summary>Whether the option takes a value.</summary>
    public ArgumentKind Argument { get; }

    /// <summary>The help line, or null when the option is hidden from help.</summary>
    public string? Description { get; }

    /// <summary>The placeholder shown for the value in help.</summary>
    public string ValueName { get; }

    /// <summary>
    /// How help writes the option when the usual form does not fit, e.g. erofs-utils' <c>-b#</c> or
    /// <c>--[no-]xattrs</c> (scripts grep the help of the tools we stand in for); null for the usual form.
    /// </summary>
    public string? Spelling { get; init; }

    /// <summary>
    /// True for an option erofs-utils has and we do not implement yet: it is listed in help (marked so) and
    /// refused with one line when used, never silently ignored (see <see cref="NotSupportedYetException"/>).
    /// </summary>
    public bool NotSupportedYet { get; init; }

    /// <summary>The same option, marked <see cref="NotSupportedYet"/>.</summary>
    public OptionSpec NotSupportedYetCopy() =>
        new(ShortName, LongName, Argument, Description, ValueName) { Spelling = Spelling, NotSupportedYet = true };

    /// <summary>The same option, written <paramref name="spelling"/> in help.</summary>
    public OptionSpec SpelledAs(string spelling) =>
        new(ShortName, LongName, Argument, Description, ValueName) { Spelling = spelling, NotSupportedYet = NotSupportedYet };

    /// <summary>
    /// The name a <see cref="ParseResult"/> is queried with: the long name, or the letter
    /// (as a one-character string) when there is no long name.
    /// </summary>
    public string Key => LongName ?? ShortName!.Value.ToString();

    /// <summary>How the option is written in messages: <c>--name</c> or <c>-x</c>.</summary>
    public override string ToString() => LongName is not null ? "--" + LongName : "-" + ShortName;
}
