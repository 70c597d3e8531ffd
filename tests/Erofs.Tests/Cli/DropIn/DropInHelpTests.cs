using Erofs.Cli.DropIn;

namespace Erofs.Tests.Cli.DropIn;

/// <summary>
/// Under erofs-utils' names, --help lists every option 1.9.3's help lists, spelled the same (scripts grep
/// it, containerd for "--tar="), -V starts with 1.9.3's own first line, and options we lack fail in one line.
/// </summary>
public sealed class DropInHelpTests
{
    public static TheoryData<string> Tools => ["mkfs.erofs", "fsck.erofs", "dump.erofs"];

    [Theory]
    [MemberData(nameof(Tools))]
    public void HelpListsEveryOptionOf193WithItsSpelling(string tool)
    {
        var r = DropInRun.Run(tool, "--help");

        Assert.Equal((0, ""), (r.Code, r.Error));
        Assert.StartsWith($"Usage: {tool} ", r.Output, StringComparison.Ordinal);
        var spellings = OptionSpellings(tool);
        Assert.NotEmpty(spellings);
        var missing = spellings.Where(s => !r.Output.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{tool} --help lacks {string.Join(", ", missing)}:\n{r.Output}");
    }

    [Fact]
    public void MkfsHelpPassesContainerdsProbe()
    {
        // containerd's SupportGenerateFromTar: `mkfs.erofs --help` succeeds and mentions "--tar=".
        var r = DropInRun.Run("mkfs.erofs", "--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("--tar=", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ErofsfuseHelpListsItsOptionsAndExitsNonZeroAs193Does()
    {
        var r = DropInRun.Run("erofsfuse", "--help");
        Assert.NotEqual(0, r.Code);
        foreach (string spelling in new[] { "--offset=#", "--dbglevel=#", "--device=#", "-h, --help", "-V, --version", "-d", "-f", "-s", "-o opt,[opt...]" })
            Assert.Contains(spelling, r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mkfs.erofs", "mkfs.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("fsck.erofs", "fsck.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("dump.erofs", "dump.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("erofsfuse", "erofsfuse 1.9.3", 2)]
    public void VersionStartsWith193sLineAndEndsWithWhatWeAre(string tool, string first, int code)
    {
        foreach (string option in new[] { "-V", "--version" })
        {
            var r = DropInRun.Run(tool, option);
            Assert.Equal(code, r.Code);
            string[] lines = r.Output.TrimEnd('\n').Split('\n');
            Assert.Equal(first, lines[0]);
            Assert.Contains("not erofs-utils itself", lines[^1], StringComparison.Ordinal);
            // A script reading the third (or last) word of the first line gets 1.9.3.
            Assert.Equal(ToolVersion.ErofsUtils, lines[0].Split(' ')[^1]);
        }
    }

    [Fact]
    public void MkfsVersionListsTheCompressorsLike193()
    {
        var r = DropInRun.Run("mkfs.erofs", "-V");
        Assert.Equal("available compressors: lz4, lz4hc, lzma, deflate, libdeflate, zstd", r.Output.Split('\n')[1]);
    }

    /// <summary>Options 1.9.3 lists that we do not implement fail with one line naming them; nothing is built.</summary>
    [Theory]
    [InlineData("-m4096", "mkfs.erofs: option -m#[:X] is not supported yet")]
    [InlineData("--zD", "mkfs.erofs: option --zD[=<0|1>] is not supported yet")]
    [InlineData("--MZ=i", "mkfs.erofs: option --MZ[=<0|[id]>] is not supported yet")]
    [InlineData("--incremental=data", "mkfs.erofs: option --incremental=X is not supported yet")]
    [InlineData("--unxz", "mkfs.erofs: option --unxz[=X] is not supported yet")]
    [InlineData("--unlzma", "mkfs.erofs: option --unlzma[=X] is not supported yet")]
    [InlineData("--gzinfo", "mkfs.erofs: option --gzinfo[=X] is not supported yet")]
    [InlineData("--vmdk-desc=x.vmdk", "mkfs.erofs: option --vmdk-desc=X is not supported yet")]
    [InlineData("-E48bit", "mkfs.erofs: -E48bit is not supported yet")]
    [InlineData("-Edot-omitted", "mkfs.erofs: -Edot-omitted is not supported yet")]
    [InlineData("--zfeature-bits=64", "mkfs.erofs: -E48bit is not supported yet")]
    [InlineData("--clean=rvsp", "mkfs.erofs: --clean=rvsp is not supported yet")]
    [InlineData("--dsunit=8", "mkfs.erofs: --dsunit=8 is not supported yet")]
    [InlineData("--fsalignblks=16", "mkfs.erofs: --fsalignblks=16 is not supported yet")]
    [InlineData("--offset=4096", "mkfs.erofs: --offset=4096 is not supported yet")]
    [InlineData("--root-xattr-isize=64", "mkfs.erofs: --root-xattr-isize=64 is not supported yet")]
    [InlineData("--ungzip=raw.tar", "mkfs.erofs: --ungzip=X (a copy of the raw stream) is not supported yet")]
    public void MkfsOptionsNotSupportedYetFailInOneLine(string option, string message)
    {
        string image = Path.Combine(Path.GetTempPath(), $"erofs-dropin-{Guid.NewGuid():N}.erofs");
        var r = DropInRun.Run("mkfs.erofs", option, image, Path.GetTempPath());
        Assert.Equal((1, "", message + "\n"), (r.Code, r.Output, r.Error));
        Assert.False(File.Exists(image));
    }

    [Fact]
    public void RebuildModeAndIndexingStandardInputAreNotSupportedYet()
    {
        string image = Path.Combine(Path.GetTempPath(), $"erofs-dropin-{Guid.NewGuid():N}.erofs");
        string source = DropInRun.CorpusImage("plain");
        var rebuild = DropInRun.Run("mkfs.erofs", image, source);
        Assert.Equal((1, $"mkfs.erofs: {source}: an image as SOURCE (mkfs.erofs's rebuild mode) is not supported yet\n"), (rebuild.Code, rebuild.Error));
        // Refused before standard input is read.
        var index = DropInRun.Run("mkfs.erofs", "--tar=i", image);
        Assert.Equal((1, "mkfs.erofs: --tar=i from standard input is not supported yet\n"), (index.Code, index.Error));
        Assert.False(File.Exists(image));
    }

    [Fact]
    public void ErofsfuseRefusesFuseOptionsItDoesNotHonour()
    {
        var r = DropInRun.Run("erofsfuse", "-o", "fsname=x", DropInRun.CorpusImage("plain"), Path.GetTempPath());
        Assert.Equal((1, "erofsfuse: -o fsname=x is not supported yet\n"), (r.Code, r.Error));
        var rw = DropInRun.Run("erofsfuse", "-orw", DropInRun.CorpusImage("plain"), Path.GetTempPath());
        Assert.Equal((2, "erofsfuse: -o rw: an EROFS image mounts read-only; see 'erofsfuse --help'\n"), (rw.Code, rw.Error));
    }

    [Fact]
    public void UsageErrorsNameTheProgramAsInvoked()
    {
        var r = DropInRun.Run("fsck.erofs", "--bogus", DropInRun.CorpusImage("plain"));
        Assert.Equal((2, "fsck.erofs: unrecognized option '--bogus'; see 'fsck.erofs --help'\n"), (r.Code, r.Error));
    }

    [Fact]
    public void OnlyTheFourNamesAreDropIns()
    {
        Assert.Equal(["mkfs.erofs", "fsck.erofs", "dump.erofs", "erofsfuse"], DropInTools.All.Select(t => t.Name));
        Assert.Null(DropInTools.ForProgram("erofs"));
        Assert.Null(DropInTools.ForProgram("dotnet"));
        Assert.Null(DropInTools.ForProgram("mkfs.ext4"));
    }

    /// <summary>
    /// The option strings of <paramref name="tool"/> in the corpus's options-1.9.3.txt: a line is one spelling
    /// ("-V, --version", "-L volume-label", "-a, -A, -y"), or a spelling and its description (first word).
    /// </summary>
    private static List<string> OptionSpellings(string tool)
    {
        var spellings = new List<string>();
        bool inSection = false;
        foreach (string line in File.ReadLines(Path.Combine(TestCorpus.Directory, "options-1.9.3.txt")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line.StartsWith($"## {tool} ", StringComparison.Ordinal);
                continue;
            }
            if (!inSection || line.Length == 0)
                continue;
            string[] words = line.Split(' ');
            spellings.Add(words.Length > 3 ? words[0] : line);
        }
        return spellings;
    }
}
