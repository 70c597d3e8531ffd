using System.Text;

namespace Erofs.Cli.CommandLine;

/// <summary>
/// Formats options as an aligned help block in the usual GNU layout, e.g.
/// <c>  -b, --block-size=SIZE  set block size</c>. Options without a description are skipped.
/// </summary>
public static class HelpFormatter
{
    // Beyond this, a long spelling would push every description too far right;
    // such spellings get their description on the next line instead.
    private const int MaxSpellingColumn = 30;
    private const string Indent = "  ";
    private const string Gap = "  ";

    /// <summary>Returns one line per described option, each ending in <c>\n</c>.</summary>
    public static string Format(IEnumerable<OptionSpec> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options
            .Where(o => o.Description is not null)
            .Select(o => (Spelling: Spell(o), Description: o.NotSupportedYet ? o.Description + " [not supported yet]" : o.Description!))
            .ToList();
        int column = rows.Count == 0 ? 0 : Math.Min(MaxSpellingColumn, rows.Max(r => r.Spelling.Length));
        var text = new StringBuilder();
        foreach (var (spelling, description) in rows)
        {
            text.Append(Indent).Append(spelling);
            if (spelling.Length > column)
                text.Append('\n').Append(Indent).Append(' ', column);
            else
                text.Append(' ', column - spelling.Length);
            text.Append(Gap).Append(description).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// How an option is written in help: its <see cref="OptionSpec.Spelling"/> when it has one, else
    /// <c>-b, --block-size=SIZE</c>, <c>    --device=PATH</c>, <c>--xattr-inode-digest[=NAME]</c>,
    /// <c>-b SIZE</c> or <c>-E[VALUE]</c>.
    /// </summary>
    public static string Spell(OptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        // Long-only spellings line up with the other long options, under "-x, --".
        if (option.Spelling is { } spelling)
            return option.ShortName is null && spelling.StartsWith("--", StringComparison.Ordinal) ? "    " + spelling : spelling;
        if (option.LongName is null)
        {
            return option.Argument switch
            {
                ArgumentKind.Required => $"-{option.ShortName} {option.ValueName}",
                ArgumentKind.Optional => $"-{option.ShortName}[{option.ValueName}]",
                _ => $"-{option.ShortName}",
            };
        }
        // Long-only options are indented so their "--" lines up under "-x, --".
        string prefix = option.ShortName is { } c ? $"-{c}, " : "    ";
        string suffix = option.Argument switch
        {
            ArgumentKind.Required => "=" + option.ValueName,
            ArgumentKind.Optional => $"[={option.ValueName}]",
            _ => "",
        };
        return $"{prefix}--{option.LongName}{suffix}";
    }
}
