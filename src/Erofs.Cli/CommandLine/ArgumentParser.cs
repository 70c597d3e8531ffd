namespace Erofs.Cli.CommandLine;

/// <summary>One pass of getopt_long-style parsing over an argument list.</summary>
internal sealed class ArgumentParser(OptionTable table, IReadOnlyList<string> args)
{
    private readonly List<ParsedOption> _occurrences = [];
    private readonly List<string> _positionals = [];
    private int _index;

    /// <summary>Parses every argument and returns the result.</summary>
    public ParseResult Run()
    {
        for (_index = 0; _index < args.Count; _index++)
        {
            var arg = args[_index];
            if (arg == "--")
            {
                // Everything after "--" is positional, even if it looks like an option.
                _positionals.AddRange(args.Skip(_index + 1));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
                ParseLong(arg);
            else if (arg.Length > 1 && arg[0] == '-')
                ParseShortBundle(arg);
            else
                _positionals.Add(arg); // includes "-", conventionally stdin
        }
        return new ParseResult(table, _occurrences, _positionals);
    }

    private void ParseLong(string arg)
    {
        var body = arg.AsSpan(2);
        int eq = body.IndexOf('=');
        var name = (eq < 0 ? body : body[..eq]).ToString();
        string? value = eq < 0 ? null : body[(eq + 1)..].ToString();
        // getopt quotes the whole argument, "=value" included.
        var option = table.FindLong(name)
            ?? throw new CommandLineException($"unrecognized option '{arg}'");
        switch (option.Argument)
        {
            case ArgumentKind.None when value is not null:
                throw new CommandLineException($"option '--{name}' doesn't allow an argument");
            case ArgumentKind.Required when value is null:
                value = TakeNextArgument()
                    ?? throw new CommandLineException($"option '--{name}' requires an argument");
                break;
        }
        // An Optional option without "=" stays valueless: the next argument is positional.
        _occurrences.Add(new ParsedOption(option, value));
    }

    private void ParseShortBundle(string arg)
    {
        for (int j = 1; j < arg.Length; j++)
        {
            char letter = arg[j];
            var option = table.FindShort(letter)
                ?? throw new CommandLineException($"invalid option -- '{letter}'");
            if (option.Argument == ArgumentKind.None)
            {
                _occurrences.Add(new ParsedOption(option, null));
                continue;
            }
            // A value-taking letter consumes the rest of the bundle as its value.
            string? value = j + 1 < arg.Length ? arg[(j + 1)..] : null;
            if (value is null && option.Argument == ArgumentKind.Required)
            {
                value = TakeNextArgument()
                    ?? throw new CommandLineException($"option requires an argument -- '{letter}'");
            }
            _occurrences.Add(new ParsedOption(option, value));
            return;
        }
    }

    // getopt takes the next argument verbatim, even "--" or one starting with '-'.
    private string? TakeNextArgument() => _index + 1 < args.Count ? args[++_index] : null;
}
