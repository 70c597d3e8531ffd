using Erofs.Building.Source;
using Erofs.Building.Tar;
using Erofs.Tests.Interop;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>GNU tar's sparse formats (old GNU 'S' with extension headers, PAX 0.0, 0.1 and 1.0).</summary>
public sealed class GnuTarSparseTests : IDisposable
{
    private const int Region = 4096;
    private readonly TarScratch _scratch = new();

    public GnuTarSparseTests()
    {
        var src = Directory.CreateDirectory(_scratch["src"]).FullName;
        // Two small islands in a 1 MiB hole-filled file.
        WriteSparse(Path.Combine(src, "islands"), 1 << 20, [(100_000, 3), (700_000, 3)]);
        // Thirty regions: more than the 4 + 21 an old GNU header and its first extension hold.
        WriteSparse(Path.Combine(src, "many"), 30 * 65536 + Region, [.. Enumerable.Range(0, 31).Select(i => ((long)i * 65536, Region))]);
        // Data up to the end, and a file that is one big hole.
        WriteSparse(Path.Combine(src, "tail"), 3 * 65536 + 10, [(3 * 65536, 10)]);
        Tool.Run("truncate", "-s", "5M", Path.Combine(src, "hole"));
    }

    public void Dispose() => _scratch.Dispose();

    private static void WriteSparse(string path, long length, (long Offset, int Length)[] islands)
    {
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        RandomAccess.SetLength(file, length);
        foreach (var (offset, size) in islands)
            RandomAccess.Write(file, GnuTarSample.Bytes(size, (int)offset + 1), offset);
    }

    [Theory]
    [InlineData("--format=gnu")]
    [InlineData("--format=pax", "--sparse-version=0.0")]
    [InlineData("--format=pax", "--sparse-version=0.1")]
    [InlineData("--format=pax", "--sparse-version=1.0")]
    public void Sparse_files_read_back_with_their_holes(params string[] options)
    {
        var path = _scratch["sparse.tar"];
        GnuTarSample.Archive(_scratch["src"], path, [.. options, "--sparse"]);
        var archive = File.ReadAllBytes(path);
        using var tar = TarArchive.Open(path, new TarReadOptions());
        Assert.Equal(["hole", "islands", "many", "tail"], Names(tar.Root));
        foreach (var name in new[] { "islands", "many", "tail", "hole" })
        {
            var node = Find(tar.Root, name);
            var original = File.ReadAllBytes(Path.Combine(_scratch["src"], name));
            Assert.Equal(original.LongLength, node.Content!.Length);
            Assert.True(original.AsSpan().SequenceEqual(Content(node)), $"{name}: content differs");
            var ranges = node.Content.DataRanges;
            Assert.NotNull(ranges);
            AssertRangesCoverData(original, ranges);
            AssertLocationsMatch(node, archive);
            Assert.Equal(ranges, ((ILocatedContent)node.Content).Locations.Select(l => new DataRange(l.LogicalOffset, l.Length)));
        }
        Assert.Empty(Find(tar.Root, "hole").Content!.DataRanges!);
        Assert.True(Find(tar.Root, "many").Content!.DataRanges!.Count >= 30);
    }

    [Fact]
    public void Sparse_reads_cross_holes_and_runs()
    {
        var path = _scratch["sparse.tar"];
        GnuTarSample.Archive(_scratch["src"], path, "--format=pax", "--sparse");
        using var tar = TarArchive.Open(path, new TarReadOptions());
        var original = File.ReadAllBytes(Path.Combine(_scratch["src"], "many"));
        using var reader = Find(tar.Root, "many").Content!.Open();
        foreach (var (offset, length) in new[] { (4000L, 200), (65536 - 10, 20), (1, 200_000), (30 * 65536, Region) })
        {
            var buffer = new byte[length];
            buffer.AsSpan().Fill(0xEE); // holes must be written as zeros, not left alone
            reader.ReadExactly(offset, buffer);
            Assert.True(original.AsSpan((int)offset, length).SequenceEqual(buffer), $"read at {offset}+{length}");
        }
    }

    private static void AssertRangesCoverData(byte[] original, IReadOnlyList<DataRange> ranges)
    {
        long previousEnd = 0;
        foreach (var range in ranges)
        {
            Assert.True(range.Offset >= previousEnd && range.Length > 0);
            Assert.True(original.AsSpan((int)previousEnd, (int)(range.Offset - previousEnd)).IndexOfAnyExcept((byte)0) < 0);
            previousEnd = range.Offset + range.Length;
        }
        Assert.True(original.AsSpan((int)previousEnd).IndexOfAnyExcept((byte)0) < 0);
    }
}
