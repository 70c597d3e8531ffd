using Erofs.Building.Compressing;
using Erofs.Cli.CommandLine;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>
/// mkfs.erofs `-z` syntax: <c>ALG[,level=N][,dictsize=N][:ALG...]</c>, and the older <c>ALG,N</c>.
/// </summary>
internal static class CompressionArgument
{
    private static readonly Dictionary<string, (int Min, int Max)[]> Levels = new()
    {
        ["lz4"] = [],
        ["lz4hc"] = [(0, 12)],
        ["lzma"] = [(0, 9), (100, 109)],
        ["deflate"] = [(0, 9)],
        ["libdeflate"] = [(0, 12)],
        ["zstd"] = [(-131072, 22)],
    };

    /// <summary>The algorithm names <c>-z</c> takes, in mkfs.erofs's order.</summary>
    public static IEnumerable<string> Algorithms => Levels.Keys;

    /// <summary>Checks the spelling of every algorithm, level and dictionary size; returns the compressors in order.</summary>
    public static IReadOnlyList<CompressorOptions> Parse(string value)
    {
        var compressors = new List<CompressorOptions>();
        foreach (string part in value.Split(':'))
        {
            string[] fields = part.Split(',');
            string name = fields[0];
            if (!Levels.TryGetValue(name, out var ranges))
                throw new CommandLineException($"-z: unknown compression algorithm '{name}' (known: {string.Join(", ", Levels.Keys)})");
            var compressor = new CompressorOptions(name);
            foreach (string field in fields[1..])
                compressor = Apply(compressor, field, ranges);
            compressors.Add(compressor);
        }
        return compressors;
    }

    private static CompressorOptions Apply(CompressorOptions compressor, string field, (int Min, int Max)[] ranges)
    {
        string name = compressor.Algorithm;
        string key = field.Contains('=') ? field[..field.IndexOf('=')] : "level";
        string text = field.Contains('=') ? field[(field.IndexOf('=') + 1)..] : field;
        if (key == "dictsize" && name is "lzma" or "zstd")
        {
            long size = MkfsNumbers.ParseSize(text, "-z dictsize");
            return compressor with { DictionarySize = size <= uint.MaxValue ? (uint)size : throw new CommandLineException($"-z {name}: dictsize '{text}' is too large") };
        }
        if (key != "level")
            throw new CommandLineException($"-z {name}: unknown parameter '{field}'");
        if (!int.TryParse(text, out int level) || !ranges.Any(r => level >= r.Min && level <= r.Max))
            throw new CommandLineException(ranges.Length == 0
                ? $"-z {name}: takes no level"
                : $"-z {name}: level '{text}' is out of range ({string.Join(" or ", ranges.Select(r => $"{r.Min}-{r.Max}"))})");
        return compressor with { Level = level };
    }
}
