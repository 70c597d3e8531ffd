using System.Text.RegularExpressions;
using Erofs.Compression.Encoding;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>
/// Debian's mkfs.erofs 1.5 makes the same liblz4 calls, so for the same input and budget our LZ4 and LZ4HC streams
/// must be byte for byte the pclusters it writes (dump.erofs -e gives each extent's input range and pcluster).
/// </summary>
public sealed partial class MkfsGoldenTests
{
    [Theory]
    [InlineData("lz4", "lz4", null)]
    [InlineData("lz4hc", "lz4hc", null)]
    [InlineData("lz4hc,12", "lz4hc", 12)]
    public void Lz4_streams_equal_mkfs_erofs_pclusters(string mkfsOption, string kind, int? level)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        var input = EncoderInputs.Get("licenses", 300_000);
        File.WriteAllBytes(Path.Combine(temp["src"], "a"), input);
        Tool.Run("mkfs.erofs", $"-z{mkfsOption}", temp["img"], temp["src"]);
        var image = File.ReadAllBytes(temp["img"]);
        var extents = ExtentLine().Matches(Tool.Run("dump.erofs", "-e", "--path=/a", temp["img"]))
            .Select(m => (Start: int.Parse(m.Groups[1].Value), Length: int.Parse(m.Groups[2].Value),
                Physical: int.Parse(m.Groups[3].Value), Size: int.Parse(m.Groups[4].Value)))
            .ToArray();
        Assert.True(extents.Length > 10, $"{extents.Length} extents");
        Assert.True(CompressorKinds.TryParse(kind, out var parsed));
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(parsed, level), EncoderBackend.Liblz4).Create();
        var output = new byte[4096];
        // The last extent is the file's tail, which mkfs treats specially.
        foreach (var extent in extents[..^1])
        {
            Assert.Equal(4096, extent.Size);
            int written = encoder.Encode(input.AsSpan(extent.Start), output, out int consumed);
            var pcluster = image.AsSpan(extent.Physical, extent.Size);
            var stream = pcluster[pcluster.IndexOfAnyExcept((byte)0)..];
            Assert.Equal(extent.Length, consumed);
            Assert.True(stream.SequenceEqual(output.AsSpan(0, written)), $"the pcluster for input {extent.Start} differs");
        }
    }

    // " 3:    22653..   29920 |    7267 :      16384..     20480 |    4096"
    [GeneratedRegex(@"^\s*\d+:\s+(\d+)\.\.\s*\d+\s*\|\s*(\d+)\s*:\s*(\d+)\.\.\s*\d+\s*\|\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExtentLine();
}
