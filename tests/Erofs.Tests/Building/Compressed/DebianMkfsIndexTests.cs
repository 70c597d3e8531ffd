using Erofs.Interop;
using Erofs.Tests.Interop;
using Xunit.Abstractions;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// A second oracle: Debian's mkfs.erofs 1.5 builds images of a generated tree whose files carry inline
/// xattrs of every size mod 32, so compact indexes start at each of the four alignments (0, 2, 4 or 6
/// initial 4-byte entries; the 1.9.3 corpus only has 0 and 6). Every compressed inode must re-encode
/// byte for byte, except that 1.5 leaves a stale h_idata_size behind an inline tail it had to drop
/// and does not count that tail's block in i_u (1.9.3 does both right; so does the encoder).
/// </summary>
public sealed class DebianMkfsIndexTests(ITestOutputHelper output)
{
    private static readonly byte[][] Words = [.. "alpha beta gamma delta epsilon zeta eta theta iota kappa".Split(' ').Select(w => System.Text.Encoding.ASCII.GetBytes(w + " "))];

    [Theory]
    [InlineData("-zlz4hc")]
    [InlineData("-zlz4hc -C65536")]
    [InlineData("-zlz4 -Elegacy-compress")]
    [InlineData("-zlz4hc -Eztailpacking")]
    [InlineData("-zlz4hc,12 -C262144 -Eztailpacking")]
    public void EveryCompressedInodeReencodesToItsOnDiskBytes(string options)
    {
        using var scratch = new TempDirectory();
        string tree = Directory.CreateDirectory(scratch["tree"]).FullName;
        WriteTree(tree);
        string image = scratch["image.erofs"];
        Tool.Run("mkfs.erofs", [.. options.Split(' '), "-T0", image, tree]);
        using var opened = new CompressedCorpusImage(File.ReadAllBytes(image));
        var result = ZIndexOracle.Check(opened, staleInlineSize: true);
        output.WriteLine($"mkfs.erofs {options}: {result}\n  {result.Coverage}");
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Take(20)));
        Assert.True(result.Matched >= 30, $"only {result.Matched} compressed inodes");
        if (!options.Contains("legacy", StringComparison.Ordinal))
        {
            foreach (int initial in new[] { 0, 2, 4, 6 })
                Assert.True(result.Coverage[$"compact, {initial} initial 4B entries"] > 0, $"no inode with {initial} initial 4B entries: {result.Coverage}");
        }
    }

    // Compressible text of many sizes (some lcluster-aligned), an incompressible file, and per file
    // 0..7 xattrs of varying lengths so that inode + xattr sizes take every value mod 32.
    private static void WriteTree(string tree)
    {
        var random = new Random(5);
        int[] sizes = [1000, 4096, 5000, 9000, 12288, 20000, 70000, 150000, 300000];
        for (int i = 0; i < 48; i++)
        {
            string path = Path.Combine(tree, $"f{i:D2}");
            File.WriteAllBytes(path, Text(random, sizes[i % sizes.Length] + i));
            for (int x = 0; x < i % 8; x++)
                NativeFile.SetXattr(path, $"user.x{x}", new byte[1 + (i * 7 + x * 3) % 13]);
        }
        var noise = new byte[50000];
        random.NextBytes(noise);
        File.WriteAllBytes(Path.Combine(tree, "noise"), [.. noise, .. Text(random, 30000)]);
    }

    private static byte[] Text(Random random, int size)
    {
        var bytes = new List<byte>(size + 16);
        while (bytes.Count < size)
            bytes.AddRange(Words[random.Next(Words.Length)]);
        return [.. bytes.Take(size)];
    }
}
