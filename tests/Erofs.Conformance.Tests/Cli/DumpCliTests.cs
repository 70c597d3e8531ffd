using System.Security.Cryptography;
using System.Text.Json;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>`erofs dump` run as a script runs dump.erofs: its output, its options, its refusals.</summary>
public sealed class DumpCliTests
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "erofs.dll");

    private static string Corpus(string name) => CorpusImages.Get(name).ImagePath;

    private static string Oracle(string file) => File.ReadAllText(Path.Combine(RepoPaths.CorpusDir, "dump-erofs", file));

    // The oracle was made with TZ=UTC; times are shown in the local zone, as dump.erofs shows them.
    private static ProcessResult Dump(params string[] args) =>
        ProcessRunner.Run("env", ["TZ=UTC", "dotnet", Dll, "dump", .. args], TimeSpan.FromMinutes(3));

    [Fact]
    public void DefaultStatisticsAndInodeOutputEqualDumpErofs()
    {
        var blob = CorpusImages.Get("blobdev").BlobPath!;
        AssertOutput(Oracle("plain.s.txt"), Dump(Corpus("plain")));
        AssertOutput(Oracle("blobdev.S.txt"), Dump("-S", "--device=" + blob, Corpus("blobdev")));
        AssertOutput(Oracle("metabox.root.txt"), Dump("--path=/", Corpus("metabox")));
    }

    [Fact]
    public void SectionsFollowEachOtherInDumpErofsOrder()
    {
        AssertOutput(Oracle("lz4.s.txt") + Oracle("lz4.S.txt") + Oracle("lz4.root.txt"), Dump("--path=/", "-S", "-s", Corpus("lz4")));
    }

    [Fact]
    public void NidIsReadAsStrtoullDoes()
    {
        // Root nid 38: hex and octal spellings as dump.erofs accepts them.
        AssertOutput(Oracle("plain.root.txt"), Dump("--nid=0x26", Corpus("plain")));
        AssertOutput(Oracle("plain.root.txt"), Dump("--nid", "046", Corpus("plain")));
        ErofsCli.AssertOneLineError(Dump("--nid=38x", Corpus("plain")), "invalid NID 38x");
    }

    [Fact]
    public void OffsetSkipsBytesBeforeTheImage()
    {
        using var dir = TempDir.Create("dump-offset");
        string shifted = dir.Combine("shifted.img");
        File.WriteAllBytes(shifted, [.. new byte[8192], .. File.ReadAllBytes(Corpus("plain"))]);
        AssertOutput(Oracle("plain.s.txt"), Dump("--offset=8192", shifted));
        AssertOutput(Oracle("plain.root.txt"), Dump("--offset=0x2000", "--path=/", shifted));
    }

    [Fact]
    public void BlkidUdevPrintsTheUdevVariablesOnly()
    {
        const string uuid = "5eed0000-0000-4000-8000-000000000001";
        AssertOutput($"ID_FS_UUID={uuid}\nID_FS_UUID_ENC={uuid}\nID_FS_TYPE=erofs\nID_FS_USAGE=filesystem\n", Dump("--blkid-udev", "-S", Corpus("plain")));
    }

    [Fact]
    public void VersionNamesTheProgramLikeDumpErofs()
    {
        var r = Dump("-V");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("dump.erofs (erofs-utils) 1.9.3\n", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void CatWritesTheFileAndRefusesOtherSections()
    {
        using var dir = TempDir.Create("dump-cat");
        string output = dir.Combine("mixed");
        var r = ProcessRunner.Run("bash", ["-c", $"dotnet \"{Dll}\" dump --cat --path=/big/mixed \"{Corpus("plain")}\" > \"{output}\""], TimeSpan.FromMinutes(1));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(CorpusImages.Get("plain").LoadManifest()["/big/mixed"].Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))));

        var refused = Dump("--cat", "-s", "--path=/big/mixed", Corpus("plain"));
        Assert.Equal(2, refused.ExitCode);
        ErofsCli.AssertOneLineError(refused, "The '--cat' flag is incompatible with '-S', '-e', '-s' and '--ls'");
    }

    [Fact]
    public void InodeOptionsNeedAnInode()
    {
        foreach (var option in new[] { "-e", "--ls", "--cat" })
        {
            var r = Dump(option, Corpus("plain"));
            Assert.Equal(2, r.ExitCode);
            ErofsCli.AssertOneLineError(r, $"{option} needs --path or --nid");
        }
    }

    [Fact]
    public void DetailsAndJsonKeepOurOwnReports()
    {
        var details = Dump("--details", Corpus("plain"));
        Assert.Equal(0, details.ExitCode);
        Assert.StartsWith("Superblock\n", details.StdOut, StringComparison.Ordinal);
        Assert.Contains("Features (incompatible):", details.StdOut, StringComparison.Ordinal);

        var json = Dump("--json", "-S", Corpus("plain"));
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal(3200, doc.RootElement.GetProperty("statistics").GetProperty("paths").GetProperty("total").GetInt64());
    }

    private static void AssertOutput(string expected, ProcessResult r)
    {
        Assert.True(r.ExitCode == 0, $"{r.CommandLine} exited {r.ExitCode}: {r.StdErr}");
        Assert.Equal(expected, r.StdOut);
    }
}
