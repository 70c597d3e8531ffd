using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Erofs.Compression.Encoding;

namespace Erofs.Benchmarks;

/// <summary>Throughput, ratio and search-effort columns for <see cref="EncoderBenchmarks"/> (the ratio is computed once in the host process).</summary>
internal sealed class EncoderColumns : IColumn
{
    private readonly string _name;
    private readonly Func<EncoderColumns, BenchmarkCase, Summary, double> _value;
    private readonly Dictionary<(string, int), (int Pclusters, double Tries)> _runs = [];

    private EncoderColumns(string name, Func<EncoderColumns, BenchmarkCase, Summary, double> value)
    {
        _name = name;
        _value = value;
    }

    /// <summary>Adds the four columns.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(
            new EncoderColumns("MB/s", (_, c, s) => EncoderCorpus.Length / (s[c]?.ResultStatistics?.Mean ?? double.NaN) * 1e9 / 1e6),
            new EncoderColumns("input/pcluster", (self, c, _) => (double)EncoderCorpus.Length / self.Pclusters(c)),
            new EncoderColumns("ratio", (self, c, _) => (double)EncoderCorpus.Length / ((long)self.Pclusters(c) * Pcluster(c))),
            new EncoderColumns("tries/pcluster", (self, c, _) => self.Run(c).Tries));
    }

    public string Id => "Encoder" + _name;
    public string ColumnName => _name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _name switch
    {
        "MB/s" => "input megabytes (10^6) encoded per second",
        "ratio" => "input bytes / (pclusters × pcluster size)",
        "tries/pcluster" => "compressions per pcluster of the DEFLATE/Zstd prefix search (1 for one-pass encoders)",
        _ => "input bytes held by one pcluster on average",
    };

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        => benchmarkCase.Descriptor.Type == typeof(EncoderBenchmarks)
            ? _value(this, benchmarkCase, summary).ToString(_name is "ratio" or "tries/pcluster" ? "F3" : "F1", CultureInfo.InvariantCulture)
            : "-";

    private static int Pcluster(BenchmarkCase c) => (int)c.Parameters[nameof(EncoderBenchmarks.Pcluster)];

    private int Pclusters(BenchmarkCase c) => Run(c).Pclusters;

    private (int Pclusters, double Tries) Run(BenchmarkCase c)
    {
        var key = ((string)c.Parameters[nameof(EncoderBenchmarks.Compressor)], Pcluster(c));
        if (!_runs.TryGetValue(key, out var run))
        {
            using var encoder = EncoderChoice.Factory(key.Item1, key.Item2).Create();
            int pclusters = EncoderChoice.EncodeAll(encoder, EncoderCorpus.Data, new byte[key.Item2]);
            double tries = encoder is FitBlockEncoder search ? (double)search.Tries / pclusters : 1;
            _runs[key] = run = (pclusters, tries);
        }
        return run;
    }
}
