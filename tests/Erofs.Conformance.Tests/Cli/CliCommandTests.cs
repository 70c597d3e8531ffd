using System.Security.Cryptography;
using System.Text.Json;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>The commands as a new user meets them: exit codes, output, one-line errors.</summary>
public sealed class CliCommandTests
{
    private static string Corpus(string name) => CorpusImages.Get(name).ImagePath;

    [Fact]
    public void FsckAcceptsAnImage()
    {
        var r = ErofsCli.Run("fsck", Corpus("plain"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no errors found, 3198 inodes checked", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void FsckVerifiesFingerprintsWithTheNameFromTheSuperblock()
    {
        var r = ErofsCli.Run("fsck", "--xattr-inode-digest", Corpus("fingerprint"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("fingerprints checked", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void FsckNeedsTheBlobOfABlobdevImage()
    {
        ErofsCli.AssertOneLineError(ErofsCli.Run("fsck", Corpus("blobdev")), "--device");
        var blob = CorpusImages.Get("blobdev").BlobPath!;
        Assert.Equal(0, ErofsCli.Run("fsck", "--device=" + blob, "--extract", Corpus("blobdev")).ExitCode);
        Assert.Equal(0, ErofsCli.Run("fsck", "--device", blob, Corpus("blobdev")).ExitCode);
    }

    [Fact]
    public void FsckExtractRecreatesWhatTheKernelShows()
    {
        using var dir = TempDir.Create("fsck-extract");
        string target = dir.Combine("out");
        var r = ErofsCli.Run("fsck", "--extract=" + target, Corpus("plain"));
        Assert.Equal(0, r.ExitCode);
        TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(CorpusImages.Get("plain").LoadManifest(), target,
            new TreeCompareOptions { IgnoreRootAttributes = false }), "fsck --extract");
    }

    [Fact]
    public void CatWritesTheExactBytes()
    {
        var manifest = CorpusImages.Get("plain").LoadManifest();
        using var dir = TempDir.Create("cat");
        string output = dir.Combine("mixed");
        var r = ProcessRunner.Run("bash", ["-c", $"dotnet \"{System.IO.Path.Combine(AppContext.BaseDirectory, "erofs.dll")}\" cat \"{Corpus("plain")}\" /big/mixed > \"{output}\""], TimeSpan.FromMinutes(1));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(manifest["/big/mixed"].Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))));
    }

    [Fact]
    public void LsListsLikeLs()
    {
        var r = ErofsCli.Run("ls", "-l", Corpus("plain"), "/big");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("-rw-r--r--   1     0     0     160000 2023-11-14 22:13 mixed", r.StdOut, StringComparison.Ordinal);
        var plain = ErofsCli.Run("ls", Corpus("plain"));
        Assert.Contains("chardev\n", plain.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("..", plain.StdOut.Split('\n'));
    }

    [Fact]
    public void DumpJsonParsesAndNamesTheFeatures()
    {
        var r = ErofsCli.Run("dump", "-s", "--json", Corpus("fingerprint"));
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var sb = doc.RootElement.GetProperty("superblock");
        Assert.Equal(4096, sb.GetProperty("block_size").GetInt32());
        Assert.Contains("ishare_xattrs", sb.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptImageGivesOneLineErrorAndNonZeroExit()
    {
        using var dir = TempDir.Create("corrupt");
        string image = dir.Combine("bad.erofs");
        var bytes = File.ReadAllBytes(Corpus("plain"));
        bytes[1024 + 12] = 30; // blkszbits
        File.WriteAllBytes(image, bytes);
        foreach (var command in new[] { "fsck", "dump", "ls" })
            ErofsCli.AssertOneLineError(ErofsCli.Run(command, image), "corrupted image");
    }

    [Fact]
    public void TruncatedImageIsNamedAsSuch()
    {
        using var dir = TempDir.Create("truncated");
        string image = dir.Combine("short.erofs");
        File.WriteAllBytes(image, File.ReadAllBytes(Corpus("plain"))[..(1 << 20)]);
        ErofsCli.AssertOneLineError(ErofsCli.Run("fsck", image), "truncated");
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        var unknown = ErofsCli.Run("fsck", "--bogus", Corpus("plain"));
        Assert.Equal(2, unknown.ExitCode);
        ErofsCli.AssertOneLineError(unknown, "unrecognized option '--bogus'");
        Assert.Equal(2, ErofsCli.Run("fsck").ExitCode);
        Assert.Equal(2, ErofsCli.Run("frobnicate").ExitCode);
    }

    [Fact]
    public void MissingImageFileIsOneLine()
    {
        ErofsCli.AssertOneLineError(ErofsCli.Run("fsck", "/nonexistent/image.erofs"), "image.erofs");
    }

    [Fact]
    public void ExtractRefusesANonEmptyTarget()
    {
        using var dir = TempDir.Create("nonempty");
        File.WriteAllText(dir.Combine("keep"), "mine");
        ErofsCli.AssertOneLineError(ErofsCli.Run("extract", Corpus("plain"), dir.Path), "not empty");
        Assert.Equal("mine", File.ReadAllText(dir.Combine("keep")));
    }
}
