using System.Globalization;
using System.Text.RegularExpressions;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>The counters a daemon logs when it ends ("... ended: reads N (B bytes), ..."), read from its --log file.</summary>
internal sealed partial record MountCounters(long Reads, long SharedFiles, long PrivateFiles, long SharedOpens, long Hashed, long Published, long Mismatches)
{
    /// <summary>The counters of the last daemon that ended logging to <paramref name="log"/>; fails when none did.</summary>
    public static MountCounters FromLog(string log)
    {
        var line = File.ReadAllLines(log).LastOrDefault(l => l.Contains(" ended: ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{log} has no 'ended' line:\n{File.ReadAllText(log)}");
        var m = EndedLine().Match(line);
        if (!m.Success)
            throw new InvalidOperationException($"unexpected counters line: {line}");
        long N(string name) => long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return new(N("reads"), N("shared"), N("private"), N("opens"), N("hashed"), N("published"), N("mismatches"));
    }

    [GeneratedRegex(@"reads (?<reads>\d+) \(\d+ bytes\), shared files (?<shared>\d+), private files (?<private>\d+), shared opens (?<opens>\d+), hashed (?<hashed>\d+), published (?<published>\d+), mismatches (?<mismatches>\d+)")]
    private static partial Regex EndedLine();
}
