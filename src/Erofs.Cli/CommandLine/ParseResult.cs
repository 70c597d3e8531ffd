namespace Erofs.Cli.CommandLine;

/// <summary>
/// The options and positional arguments found on a command line. Options are queried by
/// their <see cref="OptionSpec.Key"/>: the long name, or the letter when there is no long name.
/// </summary>
public sealed class ParseResult
{
    private readonly OptionTable _table;

    /// <summary>Creates a result; normally produced by <see cref="OptionTable.Parse"/>.</summary>
    public ParseResult(OptionTable table, IReadOnlyList<ParsedOption> occurrences, IReadOnlyList<string> positionals)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(occurrences);
        ArgumentNullException.ThrowIfNull(positionals);
        _table = table;
        Occurrences = [.. occurrences];
        Positionals = [.. positionals];
    }

    /// <summary>Every option occurrence, in command-line order.</summary>
    public IReadOnlyList<ParsedOption> Occurrences { get; }

    /// <summary>The non-option arguments, in order (options removed, as getopt permutes them).</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Whether the table parsed with has an option of this key (shared code asks before it queries).</summary>
    public bool Defines(string name) => _table.Defines(name);

    /// <summary>Whether the option appeared at least once.</summary>
    /// <exception cref="ArgumentException">The table has no option with this key.</exception>
    public bool Has(string name) => Count(name) > 0;

    /// <summary>How many times the option appeared (e.g. for repeated <c>-v</c>).</summary>
    /// <exception cref="ArgumentException">The table has no option with this key.</exception>
    public int Count(string name)
    {
        var option = _table.GetByKey(name);
        return Occurrences.Count(o => ReferenceEquals(o.Option, option));
    }

    /// <summary>
    /// The value of the last occurrence (later options override earlier ones, as with getopt);
    /// null when the option is absent or its last occurrence had no value.
    /// </summary>
    /// <exception cref="ArgumentException">The table has no option with this key.</exception>
    public string? Value(string name)
    {
        var option = _table.GetByKey(name);
        for (int i = Occurrences.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(Occurrences[i].Option, option))
                return Occurrences[i].Value;
        }
        return null;
    }

    /// <summary>
    /// The values of every occurrence that carried one, in order (e.g. each <c>--device</c>);
    /// occurrences without a value are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The table has no option with this key.</exception>
    public IReadOnlyList<string> Values(string name)
    {
        var option = _table.GetByKey(name);
        return [.. Occurrences
            .Where(o => ReferenceEquals(o.Option, option) && o.Value is not null)
            .Select(o => o.Value!)];
    }
}
