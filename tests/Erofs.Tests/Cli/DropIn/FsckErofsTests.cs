using System.Security.Cryptography;
using Erofs.Reading;

namespace Erofs.Tests.Cli.DropIn;

/// <summary>fsck.erofs's small options: -p, --nid/--path, --offset, and extraction of one subtree.</summary>
public sealed class FsckErofsTests
{
    private static readonly string Plain = DropInRun.CorpusImage("plain");

    [Fact]
    public void PrintsTheTotalCompressionRatioIn193sForm()
    {
        var plain = DropInRun.Run("fsck.erofs", "-p", Plain);
        Assert.Equal((0, ""), (plain.Code, plain.Error));
        Assert.EndsWith("\nCompression ratio: 100.00(%)\n", plain.Output, StringComparison.Ordinal);

        var lz4 = DropInRun.Run("fsck.erofs", "-p", DropInRun.CorpusImage("lz4"));
        Assert.Equal(0, lz4.Code);
        string line = lz4.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Matches(@"^Compression ratio: \d{1,2}\.\d\d\(%\)$", line);
    }

    [Fact]
    public void PathAndNidCheckOnlyThatSubtree()
    {
        var whole = DropInRun.Run("fsck.erofs", Plain);
        var big = DropInRun.Run("fsck.erofs", "--path=/big", Plain);
        ulong nid;
        using (var image = ErofsImage.Open(Plain))
            nid = image.ResolvePath("/big")!.Nid;
        var byNid = DropInRun.Run("fsck.erofs", $"--nid={nid}", Plain);
        var file = DropInRun.Run("fsck.erofs", "--path=big/mixed", Plain);

        Assert.Equal($"{Plain}: no errors found, 3198 inodes checked\n", whole.Output);
        Assert.Equal((0, $"{Plain}: no errors found, 5 inodes checked\n"), (big.Code, big.Output));
        Assert.Equal((0, big.Output), (byNid.Code, byNid.Output));
        Assert.Equal((0, $"{Plain}: no errors found, 1 inodes checked\n"), (file.Code, file.Output));
    }

    [Fact]
    public void MissingPathOrNidFailsInOneLine()
    {
        var path = DropInRun.Run("fsck.erofs", "--path=/no/such", Plain);
        Assert.Equal((1, "fsck.erofs: /no/such: no such file or directory in the image\n"), (path.Code, path.Error));
        var nid = DropInRun.Run("fsck.erofs", "--nid=999999999", Plain);
        Assert.Equal(1, nid.Code);
        Assert.StartsWith("fsck.erofs: --nid=999999999: no inode there", nid.Error, StringComparison.Ordinal);
        Assert.Single(nid.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void OffsetReadsAnImageInsideALargerFile()
    {
        using var prefixed = new PrefixedImage(Plain);
        var r = DropInRun.Run("fsck.erofs", $"--offset={PrefixedImage.Offset}", prefixed.Path);
        Assert.Equal((0, $"{prefixed.Path}: no errors found, 3198 inodes checked\n"), (r.Code, r.Output));
        Assert.Equal(0, DropInRun.Run("fsck.erofs", "--offset=0x2000", prefixed.Path).Code);
        Assert.Equal(1, DropInRun.Run("fsck.erofs", prefixed.Path).Code);
        Assert.Equal(2, DropInRun.Run("fsck.erofs", "--offset=-1", prefixed.Path).Code);
    }

    [Fact]
    public void ExtractsOnlyTheSubtreeOrTheFile()
    {
        string target = Path.Combine(Path.GetTempPath(), $"erofs-fsck-subtree-{Guid.NewGuid():N}");
        try
        {
            var tree = DropInRun.Run("fsck.erofs", $"--extract={target}/big", "--path=/big", Plain);
            Assert.Equal((0, ""), (tree.Code, tree.Error));
            Assert.Equal(["mixed", "rand_2m", "text_3m", "zeros_1m"], Directory.GetFileSystemEntries(Path.Combine(target, "big")).Select(Path.GetFileName).Order());

            var file = DropInRun.Run("fsck.erofs", $"--extract={target}/one", "--path=/big/mixed", Plain);
            Assert.Equal((0, ""), (file.Code, file.Error));
            Assert.Equal("974a069f018ace1d4243782448082e78ac433920869f9da8082c9c2154d813cc", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, "one")))));
        }
        finally
        {
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
        }
    }
}
