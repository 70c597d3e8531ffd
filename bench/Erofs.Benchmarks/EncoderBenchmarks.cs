using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Erofs.Compression.Encoding;

namespace Erofs.Benchmarks;

/// <summary>
/// Fixed-output pcluster encoders, one thread, over 8 MiB of shared objects (<see cref="EncoderCorpus"/>):
/// <c>dotnet run -c Release --project bench/Erofs.Benchmarks -- --filter '*EncoderBenchmarks*'</c>.
/// Extra columns: input MB/s, input bytes per pcluster, ratio = input / (pclusters × pcluster size), and the
/// prefix search's compressions per pcluster.
/// </summary>
[Config(typeof(EncoderColumns.Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EncoderBenchmarks
{
    private IPclusterEncoder _encoder = null!;
    private byte[] _output = [];

    /// <summary>Compressor, level and library ("kind:level@Backend").</summary>
    [Params("lz4", "lz4@ManagedLz4", "lz4hc:9", "lz4hc:12", "lzma:6", "lzma:109", "deflate:1", "deflate:6", "deflate:9",
        "deflate:6@Zlib", "zstd:3", "zstd:9", "zstd:19")]
    public string Compressor { get; set; } = "";

    /// <summary>The pcluster size (the output budget of each stream).</summary>
    [Params(4096, 65536)]
    public int Pcluster { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ = EncoderCorpus.Data;
        _encoder = EncoderChoice.Factory(Compressor, Pcluster).Create();
        _output = new byte[Pcluster];
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark(Description = "encode 8 MiB into pclusters")]
    public int Encode() => EncoderChoice.EncodeAll(_encoder, EncoderCorpus.Data, _output);
}
