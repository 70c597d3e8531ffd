using BenchmarkDotNet.Attributes;
using Erofs.Building;
using Erofs.Building.Scanning;
using Erofs.Building.Source;

namespace Erofs.Benchmarks;

/// <summary>
/// `ImageBuilder.Build` of a scanned tree (scan excluded, warm page cache), with and without
/// fingerprints, on one thread and on all cores; memory shows what the build itself allocates:
/// <c>dotnet run -c Release --project bench/Erofs.Benchmarks -- --filter '*Build*'</c>.
/// </summary>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private SourceNode _root = null!;
    private string _output = "";

    /// <summary>Worker threads (0 = one per core).</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    /// <summary>Whether every file gets an erofs.fingerprint.v1 xattr (SHA-256 of its content).</summary>
    [Params(false, true)]
    public bool Fingerprints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = DirectorySource.Scan("/usr/share/dotnet", new DirectoryScanOptions());
        _output = Path.Combine(Path.GetTempPath(), $"erofs-bench-{Environment.ProcessId}.erofs");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark(Description = "build /usr/share/dotnet")]
    public ulong Build() => ImageBuilder.Build(_root, _output, new BuildOptions
    {
        Threads = Threads,
        Timestamp = 0,
        Uuid = new byte[16],
        FingerprintXattrName = Fingerprints ? "erofs.fingerprint.v1" : null,
    }).Blocks;
}
