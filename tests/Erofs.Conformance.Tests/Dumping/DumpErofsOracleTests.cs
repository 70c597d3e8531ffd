using System.Text;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Dumping;

/// <summary>
/// Our dump.erofs-compatible text must equal what dump.erofs 1.9.3 printed for every corpus image,
/// byte for byte (corpus <c>dump-erofs/</c>: NAME.s.txt = default/-s, NAME.S.txt = -S,
/// NAME.root.txt = --path=/, all made with TZ=UTC). One case per oracle file.
/// </summary>
public sealed class DumpErofsOracleTests
{
    private const string OracleDirectoryName = "dump-erofs";

    private static string OracleDirectory => Path.Combine(RepoPaths.CorpusDir, OracleDirectoryName);

    private static List<string> FileNames() =>
        [.. Directory.GetFiles(OracleDirectory, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> OracleFiles() => [.. FileNames()];

    [Fact]
    public void EveryCorpusImageHasItsThreeOracleFiles()
    {
        var files = FileNames().ToHashSet(StringComparer.Ordinal);
        Assert.Equal(3 * CorpusImages.All.Count, files.Count);
        Assert.All(CorpusImages.All, image =>
            Assert.All(new[] { "s", "S", "root" }, mode => Assert.Contains($"{image.Name}.{mode}.txt", files)));
    }

    [Theory]
    [MemberData(nameof(OracleFiles))]
    public void OutputIsByteIdenticalToDumpErofs(string oracleFile)
    {
        string[] parts = oracleFile.Split('.');
        var corpus = CorpusImages.Get(parts[0]);
        byte[] expected = File.ReadAllBytes(Path.Combine(OracleDirectory, oracleFile));

        byte[] actual = Render(corpus, parts[1]);

        if (!expected.AsSpan().SequenceEqual(actual))
            Assert.Fail($"{oracleFile} differs:\n{FirstDifference(expected, actual)}");
    }

    // What `TZ=UTC erofs dump [-S | --path=/] IMAGE` writes, without a process.
    private static byte[] Render(CorpusImage corpus, string mode)
    {
        using var image = ErofsImage.Open(corpus.ImagePath,
            new ReadOptions { DevicePaths = corpus.ExtraDevices, Conformance = ErofsConformance.Lax });
        using var output = new MemoryStream();
        var writer = new ErofsUtilsTextWriter(output, TimeZoneInfo.Utc);
        switch (mode)
        {
            case "s":
                writer.WriteSuperblock(SuperblockReport.Create(image));
                break;
            case "S":
                var statistics = ErofsUtilsStatistics.Collect(image);
                Assert.Empty(statistics.Problems);
                writer.WriteStatistics(statistics);
                break;
            case "root":
                writer.WriteInode(image, image.ResolvePath("/")!);
                break;
            default:
                throw new InvalidOperationException($"unknown oracle mode '{mode}'");
        }
        return output.ToArray();
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        string[] want = Encoding.UTF8.GetString(expected).Split('\n');
        string[] got = Encoding.UTF8.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            string w = i < want.Length ? want[i] : "(missing)";
            string g = i < got.Length ? got[i] : "(missing)";
            if (w != g)
                return $"line {i + 1}:\n  dump.erofs: [{w}]\n  ours:       [{g}]";
        }
        return "same lines, different bytes";
    }
}
