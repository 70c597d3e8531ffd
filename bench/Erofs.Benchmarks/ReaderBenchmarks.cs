using BenchmarkDotNet.Attributes;
using Erofs.Checking;
using Erofs.Reading;

namespace Erofs.Benchmarks;

/// <summary>The reader's hot paths on the reference corpus image plain.erofs (erofs-utils 1.9.3).</summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private ErofsImage _image = null!;
    private InodeInfo _largeDirectory = null!;
    private InodeInfo _file = null!;
    private byte[][] _names = [];
    private readonly byte[] _buffer = new byte[1 << 20];

    [GlobalSetup]
    public void Setup()
    {
        _image = ErofsImage.Open(CorpusPath("plain.erofs"));
        _largeDirectory = _image.ResolvePath("/manydir")!;
        _file = _image.ResolvePath("/big/text_3m")!;
        _names = _image.ReadDirectory(_largeDirectory).Select(e => e.NameBytes).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark(Description = "open image (superblock, CRC, root)")]
    public long Open()
    {
        using var image = ErofsImage.Open(CorpusPath("plain.erofs"));
        return (long)image.Root.Nid;
    }

    [Benchmark(Description = "lookup 100 names in a 3000-entry directory")]
    public int Lookup()
    {
        int found = 0;
        for (int i = 0; i < _names.Length; i += _names.Length / 100)
            found += _image.Lookup(_largeDirectory, _names[i]) is null ? 0 : 1;
        return found;
    }

    [Benchmark(Description = "readdir of a 3000-entry directory")]
    public int ReadDirectory() => _image.ReadDirectory(_largeDirectory).Count();

    [Benchmark(Description = "read a 300 KB file sequentially")]
    public long ReadFile()
    {
        long total = 0;
        for (long offset = 0; offset < (long)_file.Size;)
        {
            int n = _image.Read(_file, offset, _buffer);
            offset += n;
            total += n;
        }
        return total;
    }

    [Benchmark(Description = "fsck walk of 3198 inodes (metadata only)")]
    public int Check() => new ImageChecker(_image).Check().Count;

    // The corpus sits beside the repository: bench/Erofs.Benchmarks/bin/... -> ../shared/corpus.
    private static string CorpusPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
            dir = dir.Parent;
        string path = Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "corpus", "erofs-utils-1.9.3", name));
        return File.Exists(path) ? path : throw new FileNotFoundException($"reference corpus image not found: {path}");
    }
}
