using System.Security.Cryptography;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>
/// The NativeAOT binary through the links `erofs install-links` makes: each name is its erofs-utils
/// program (argv[0] survives a symlink; it would not survive `dotnet erofs.dll`), with 1.9.3's -V first
/// line, help spellings and exit codes; erofsfuse mounts; fsck.erofs -p agrees with Debian's fsck.erofs.
/// </summary>
public sealed class DropInLinkTests(DropInLinks links) : IClassFixture<DropInLinks>
{
    private static readonly string[] Tools = ["mkfs.erofs", "fsck.erofs", "dump.erofs", "erofsfuse"];

    [Fact]
    public void InstallLinksMakesOneSymlinkPerToolAndLeavesOthersAlone()
    {
        Assert.True(links.InstallResult.ExitCode == 0, links.InstallResult.StdErr);
        foreach (string tool in Tools)
            Assert.Equal(AotBinary.Path, new FileInfo(links.Tool(tool)).ResolveLinkTarget(returnFinalTarget: true)!.FullName);

        var again = ProcessRunner.Run(AotBinary.Path, "install-links", links.Directory);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(4, again.StdOut.Split('\n').Count(l => l.EndsWith("already links to " + AotBinary.Path, StringComparison.Ordinal)));

        string other = links.Scratch.CreateSubdirectory("other");
        File.WriteAllText(Path.Combine(other, "fsck.erofs"), "#!/bin/sh\n");
        var refused = ProcessRunner.Run(AotBinary.Path, "install-links", other);
        ErofsCli.AssertOneLineError(refused, "fsck.erofs: already exists (use --force to replace it)");
        Assert.Equal(0, ProcessRunner.Run(AotBinary.Path, "install-links", "--force", other).ExitCode);
        Assert.NotNull(new FileInfo(Path.Combine(other, "fsck.erofs")).LinkTarget);
    }

    [Theory]
    [InlineData("mkfs.erofs", "mkfs.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("fsck.erofs", "fsck.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("dump.erofs", "dump.erofs (erofs-utils) 1.9.3", 0)]
    [InlineData("erofsfuse", "erofsfuse 1.9.3", 2)]
    public void EachNameIsItsProgram(string tool, string versionLine, int versionCode)
    {
        var version = links.Run(tool, "-V");
        Assert.Equal(versionCode, version.ExitCode);
        Assert.Equal(versionLine, version.StdOut.Split('\n')[0]);
        Assert.Contains("not erofs-utils itself", version.StdOut, StringComparison.Ordinal);

        var help = links.Run(tool, "--help");
        Assert.Equal(versionCode, help.ExitCode);
        Assert.StartsWith($"Usage: {tool} ", help.StdOut, StringComparison.Ordinal);

        var bad = links.Run(tool, "--no-such-option");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal($"{tool}: unrecognized option '--no-such-option'; see '{tool} --help'\n", bad.StdErr);
    }

    [Fact]
    public void MkfsHelpHasTheSpellingsScriptsGrepFor()
    {
        var help = links.Run("mkfs.erofs", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (string spelling in new[] { "--tar=", "-b#", "-zX[,level=Y]", "--xattr-prefix=X", "--sort=<path,none>", "--async-queue-limit=#" })
            Assert.Contains(spelling, help.StdOut, StringComparison.Ordinal);
    }

    /// <summary>Debian's fsck.erofs 1.5 prints the same ratio at -d3 (1.9.3 counts the same way).</summary>
    [Theory]
    [InlineData("plain")]
    [InlineData("lz4")]
    [InlineData("lz4-ztailpacking")]
    [InlineData("lz4-legacy")]
    [InlineData("noinline")]
    public void FsckPrintsTheCompressionRatioDebiansFsckPrints(string corpus)
    {
        string image = CorpusImages.Get(corpus).ImagePath;
        var debian = ErofsUtils.Fsck(image, "-d3", "-p");
        string expected = (debian.StdOut + debian.StdErr).Split('\n').Single(l => l.Contains("Compression ratio:", StringComparison.Ordinal));
        var ours = links.Run("fsck.erofs", "-p", image);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(expected["<I> erofs: ".Length..], ours.StdOut.TrimEnd('\n').Split('\n')[^1]);
    }

    /// <summary>The listing is Debian's dump.erofs 1.5's, line for line (1.9.3 prints it the same way).</summary>
    [Theory]
    [InlineData("/big")]
    [InlineData("/")]
    public void DumpLsListsWhatDebiansDumpErofsLists(string path)
    {
        string image = CorpusImages.Get("plain").ImagePath;
        static string Listing(string output) => output[output.IndexOf("\n       NID TYPE  FILENAME\n", StringComparison.Ordinal)..];
        var debian = ErofsUtils.Dump(image, "--ls", $"--path={path}");
        var ours = links.Run("dump.erofs", "--ls", $"--path={path}", image);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(Listing(debian.StdOut), Listing(ours.StdOut));
    }

    [Fact]
    public void DumpCatWritesTheFileThroughTheLink()
    {
        var corpus = CorpusImages.Get("plain");
        string output = links.Scratch.Combine("mixed");
        var r = ProcessRunner.Run("bash", ["-c", "\"$0\" --cat --path=/big/mixed \"$1\" > \"$2\"", links.Tool("dump.erofs"), corpus.ImagePath, output], TimeSpan.FromMinutes(1));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(corpus.LoadManifest()["/big/mixed"].Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))));
    }

    [Fact]
    public void ErofsfuseMountsInTheBackgroundAndUmountEndsIt()
    {
        var corpus = CorpusImages.Get("lz4hc");
        MountAndCompare(corpus, corpus.ImagePath, []);
    }

    [Fact]
    public void ErofsfuseReadsAnImageAtAnOffset()
    {
        var corpus = CorpusImages.Get("plain");
        string prefixed = links.Scratch.Combine("prefixed.img");
        using (var file = File.Create(prefixed))
        {
            file.Write(new byte[1 << 20]);
            file.Write(File.ReadAllBytes(corpus.ImagePath));
        }
        MountAndCompare(corpus, prefixed, ["--offset=1048576", "-o", "ro,nodev"]);
    }

    private void MountAndCompare(CorpusImage corpus, string image, string[] options)
    {
        string mountPoint = links.Scratch.CreateSubdirectory("mnt-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var mount = links.Run("erofsfuse", [.. options, image, mountPoint]);
            Assert.True(mount.ExitCode == 0, mount.StdErr);
            int pid = Mount.DaemonMount.FindDaemon(mountPoint) ?? throw new InvalidOperationException("no daemon serves the erofsfuse mount");
            TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), mountPoint), "erofsfuse mount");

            ProcessRunner.RunChecked("umount", mountPoint);

            Assert.True(Mount.DaemonMount.WaitForExit(pid, Patience.Wait), "the daemon outlived its mount");
        }
        finally
        {
            if (MountTable.IsMountPoint(mountPoint))
                LibC.Unmount(mountPoint, LibC.MntDetach);
        }
    }
}
