namespace Erofs.Cli.CommandLine;

/// <summary>
/// The options a command accepts, parsed the way glibc's getopt_long does by default
/// (see <see cref="Parse"/>), so scripts written for erofs-utils keep working.
/// </summary>
public sealed class OptionTable
{
    private readonly Dictionary<char, OptionSpec> _byShort = [];
    private readonly Dictionary<string, OptionSpec> _byLong = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OptionSpec> _byKey = new(StringComparer.Ordinal);

    /// <summary>Creates a table; the order of <paramref name="options"/> is kept for help output.</summary>
    /// <exception cref="ArgumentException">Two options share a letter, a long name, or a key.</exception>
    public OptionTable(IEnumerable<OptionSpec> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = [.. options];
        foreach (var option in Options)
        {
            if (option.ShortName is { } c && !_byShort.TryAdd(c, option))
                throw new ArgumentException($"Short option '-{c}' is defined twice.", nameof(options));
            if (option.LongName is { } name && !_byLong.TryAdd(name, option))
                throw new ArgumentException($"Long option '--{name}' is defined twice.", nameof(options));
            // A long name "x" and a short-only letter 'x' would share a key and be unqueryable.
            if (!_byKey.TryAdd(option.Key, option))
                throw new ArgumentException($"Option key '{option.Key}' is used twice.", nameof(options));
        }
    }

    /// <summary>The options, in table order.</summary>
    public IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>
    /// Parses arguments like getopt_long with its default (permuting) ordering.
    /// </summary>
    /// <remarks>
    /// <para>Short options may be bundled (<c>-sSe</c>); a required value is attached
    /// (<c>-b4096</c>) or the next argument (<c>-b 4096</c>); an optional value is only attached.</para>
    /// <para>Long options are <c>--name</c> or <c>--name=value</c>; a required value may also be
    /// the next argument; an optional value binds only with <c>=</c>.</para>
    /// <para>Unlike getopt_long, long names must be spelled in full: abbreviations such as
    /// <c>--dev</c> for <c>--device</c> are rejected, so adding an option never breaks a script.</para>
    /// <para><c>--</c> ends the options; <c>-</c> and every argument not starting with <c>-</c>
    /// are positional, and options may follow positionals.</para>
    /// </remarks>
    /// <exception cref="CommandLineException">An option is unknown or has a missing or unwanted value.</exception>
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new ArgumentParser(this, args).Run();
    }

    /// <summary>Formats the options as an aligned help block; see <see cref="HelpFormatter"/>.</summary>
    public string FormatHelp() => HelpFormatter.Format(Options);

    /// <summary>Finds the option spelled <c>-<paramref name="letter"/></c>, if any.</summary>
    public OptionSpec? FindShort(char letter) => _byShort.GetValueOrDefault(letter);

    /// <summary>Finds the option spelled <c>--<paramref name="name"/></c> (exact match only), if any.</summary>
    public OptionSpec? FindLong(string name) => _byLong.GetValueOrDefault(name);

    /// <summary>Whether an option has the key <paramref name="key"/>: for code shared by commands whose tables differ.</summary>
    public bool Defines(string key) => _byKey.ContainsKey(key);

    /// <summary>Finds an option by its <see cref="OptionSpec.Key"/>.</summary>
    /// <exception cref="ArgumentException">No option has that key (a programming error, e.g. a typo).</exception>
    public OptionSpec GetByKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _byKey.TryGetValue(key, out var option)
            ? option
            : throw new ArgumentException($"No option is named '{key}'.", nameof(key));
    }
}
