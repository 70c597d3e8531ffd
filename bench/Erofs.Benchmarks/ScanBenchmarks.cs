using BenchmarkDotNet.Attributes;
using Erofs.Building.Scanning;

namespace Erofs.Benchmarks;

/// <summary>
/// The directory scanner over system trees (warm page cache), one thread against several:
/// <c>dotnet run -c Release --project bench/Erofs.Benchmarks -- --filter '*Scan*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    /// <summary>The tree to scan.</summary>
    [Params("/usr/share/dotnet", "/usr")]
    public string Root { get; set; } = "";

    /// <summary>Directories listed at once.</summary>
    [Params(1, 2, 4)]
    public int Threads { get; set; }

    /// <summary>Whether extended attributes are read (llistxattr costs about as much as statx).</summary>
    [Params(true, false)]
    public bool Xattrs { get; set; }

    [Benchmark(Description = "scan tree")]
    public int Scan() =>
        DirectorySource.Scan(Root, new DirectoryScanOptions { MaxParallelism = Threads, ReadXattrs = Xattrs }).Children.Count;
}
