using Erofs.Checking;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// `erofs mkfs --tar` from a GNU tar (PAX, sparse files as PAX 1.0 sparse entries) archive of the
/// full generated tree: copied (`--tar=f`,
/// also gzip and standard input) or indexed in place (`--tar=i`, the archive becomes the extra
/// device); the kernel mounts each image and shows the source tree.
/// </summary>
public sealed class TarBuilderTests(FullTreeFixture fixture) : IClassFixture<FullTreeFixture>
{
    [Theory]
    [InlineData("--tar=f", false)]
    [InlineData("--tar=f --xattr-inode-digest -b1024", false)]
    [InlineData("--tar=i", true)]
    [InlineData("--tar=i --xattr-inode-digest", true)]
    public void KernelMountShowsTheArchivedTree(string options, bool indexed)
    {
        KernelMount.RequireSupport();
        string tar = Archive();
        string image = fixture.Scratch.Combine($"tar{BuilderRun.Suffix(options)}.erofs");
        Build([.. BuilderRun.Split(options), image, tar]);
        using (var mount = indexed ? KernelMount.Mount(image, tar) : KernelMount.Mount(image))
            TreeComparer.AssertNoDifferences(TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint), Compare), $"erofs mkfs {options}");
        using var erofs = ErofsImage.Open(image, new ReadOptions { DevicePaths = indexed ? [tar] : [] });
        bool digest = options.Contains("digest", StringComparison.Ordinal);
        Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true, VerifyFingerprints = digest }).Check());
        if (indexed)
            Assert.True(new FileInfo(image).Length < new FileInfo(tar).Length / 4, "an index image holds metadata only");
    }

    [Fact]
    public void GzipFromStandardInputGivesTheSameImageAsThePlainFile()
    {
        string tar = Archive();
        string plain = fixture.Scratch.Combine("plain-tar.erofs");
        string piped = fixture.Scratch.Combine("piped-tar.erofs");
        string[] fixedTime = ["-T1700000000", "-U5eed0000-0000-4000-8000-000000000004"];
        Build([.. fixedTime, "--tar=f", plain, tar]);
        string dll = Path.Combine(AppContext.BaseDirectory, "erofs.dll");
        var result = ProcessRunner.Run("bash", ["-c", $"gzip -c '{tar}' | dotnet '{dll}' mkfs --quiet {string.Join(' ', fixedTime)} --tar=f --ungzip '{piped}' -"], TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(piped));
    }

    /// <summary>Mount-visible properties of the archive root are tar's, not the source directory's.</summary>
    private static TreeCompareOptions Compare => new() { IgnoreRootAttributes = true };

    private string Archive()
    {
        string tar = fixture.Scratch.Combine("tree.tar");
        if (!File.Exists(tar))
        {
            var result = ProcessRunner.Run("tar", ["--xattrs", "--xattrs-include=*", "--format=pax", "--sparse", "--numeric-owner", "-cf", tar, "-C", fixture.Tree.Root, "."], TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.StdErr);
        }
        return tar;
    }

    private static void Build(string[] args)
    {
        var result = ErofsCli.Run(["mkfs", "--quiet", .. args]);
        Assert.True(result.ExitCode == 0, $"erofs mkfs {string.Join(' ', args)} failed: {result.StdErr}");
    }
}
