using System.Globalization;

namespace Erofs.Building.Compressing;

/// <summary>
/// Reads mkfs.erofs <c>--compress-hints</c> files: one rule per line, <c>PCLUSTER_SIZE [ALGORITHM_INDEX] REGEX</c>
/// separated by blanks; <c>#</c> starts a comment line, blank lines are skipped, the index defaults to 0.
/// Sizes and indexes are checked against the block size and the <c>-z</c> list when the build starts.
/// </summary>
public static class CompressHintsFile
{
    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A line is malformed; the message names path:line and what is wrong.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<CompressHint> Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses hint rules from <paramref name="text"/>; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="ArgumentException">A line is malformed; the message names name:line and what is wrong.</exception>
    public static IReadOnlyList<CompressHint> Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hints = new List<CompressHint>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            hints.Add(ParseLine(line, $"{name}:{i + 1}"));
        }
        return hints;
    }

    private static CompressHint ParseLine(string line, string location)
    {
        string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 2 or > 3)
            throw new ArgumentException($"{location}: expected 'PCLUSTER_SIZE [ALGORITHM_INDEX] REGEX', got '{line}'");
        int size = Number(fields[0], location, "pcluster size");
        int index = fields.Length == 3 ? Number(fields[1], location, "algorithm index") : 0;
        return new CompressHint(size, index, fields[^1], location);
    }

    private static int Number(string text, string location, string what)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{location}: {what} '{text}' is not a number");
}
