using Erofs.Checking;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// `erofs mkfs` images of the full generated tree (every entry kind, 255-byte names, large ids,
/// nanosecond and extreme mtimes, xattrs, ACLs, hard links) under a representative matrix of
/// options: the kernel mounts each and shows exactly the source; our fsck (with every byte read
/// and every fingerprint recomputed) finds nothing; Debian's fsck.erofs 1.5 accepts the images
/// whose features it knows.
/// </summary>
public sealed class BuilderKernelTests(FullTreeFixture fixture) : IClassFixture<FullTreeFixture>
{
    public static TheoryData<string> OptionSets => new()
    {
        "",
        "-b512",
        "-b1024 -Eforce-inode-extended",
        "-b2048 -Enoinline_data -x1",
        "-Eforce-inode-compact --ignore-mtime",
        "-E^xattr-name-filter --xattr-prefix=user.xattr --xattr-prefix=trusted.",
        "-x-1",
        "-x1 --xattr-prefix=security.",
        "--chunksize=4096",
        "--chunksize=8192 -Eforce-chunk-indexes -b1024",
        "--chunksize=16384 --blobdev=BLOB",
        "--chunksize=4096 -Eforce-inode-blockmap --blobdev=BLOB -b512",
        "--xattr-inode-digest",
        "--xattr-inode-digest=trusted.erofs.fp -b512 --chunksize=1024",
        "--xattr-inode-digest -Eforce-inode-extended -Enosbcrc",
        "--all-root -T1700000000 --mkfs-time",
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void KernelMountShowsTheSourceTree(string options)
    {
        KernelMount.RequireSupport();
        var (image, blob) = Build(options);
        using var mount = blob is null ? KernelMount.Mount(image) : KernelMount.Mount(image, blob);
        var differences = TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint), CompareOptions(options));
        TreeComparer.AssertNoDifferences(differences, $"kernel mount of erofs mkfs {options}");
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void FsckAcceptsEveryByteAndFingerprint(string options)
    {
        var (image, blob) = Build(options);
        using var erofs = ErofsImage.Open(image, new ReadOptions { DevicePaths = blob is null ? [] : [blob] });
        bool digest = options.Contains("--xattr-inode-digest", StringComparison.Ordinal);
        var issues = new ImageChecker(erofs, new CheckOptions { ReadAllData = true, VerifyFingerprints = digest }).Check();
        Assert.Empty(issues);
        if (digest)
            Assert.True(erofs.Superblock.IshareXattrPrefixId < erofs.Superblock.XattrPrefixCount);
        if (DebianFsckKnows(options))
        {
            var result = ErofsUtils.Fsck(image, blob is null ? [] : [$"--device={blob}"]);
            Assert.True(result.Succeeded, $"fsck.erofs 1.5 rejected erofs mkfs {options}: {result.StdErr}");
        }
    }

    /// <summary>Debian's 1.5 knows only 4 KiB blocks and no long prefixes (incompat 0x40).</summary>
    private static bool DebianFsckKnows(string options) =>
        !options.Contains("-b", StringComparison.Ordinal) && !options.Contains("prefix", StringComparison.Ordinal)
        && !options.Contains("digest", StringComparison.Ordinal);

    private static TreeCompareOptions CompareOptions(string options)
    {
        var ignore = TreeProperties.None;
        if (options.Contains("-x-1", StringComparison.Ordinal))
            ignore |= TreeProperties.Xattrs;
        if (options.Contains("--ignore-mtime", StringComparison.Ordinal))
            ignore |= TreeProperties.Mtime;
        if (options.Contains("--all-root", StringComparison.Ordinal))
            ignore |= TreeProperties.Uid | TreeProperties.Gid;
        return new TreeCompareOptions
        {
            Ignore = ignore,
            // A fingerprint named in a visible namespace shows up as an xattr the source never had.
            XattrFilter = name => name != "trusted.erofs.fp",
        };
    }

    private (string Image, string? Blob) Build(string options)
    {
        string suffix = BuilderRun.Suffix(options);
        string image = fixture.Scratch.Combine($"ours{suffix}.erofs");
        string? blob = options.Contains("BLOB", StringComparison.Ordinal) ? fixture.Scratch.Combine($"ours{suffix}.blob") : null;
        if (!File.Exists(image))
        {
            string[] args = [.. BuilderRun.Split(options.Replace("BLOB", blob, StringComparison.Ordinal)), "--quiet", image, fixture.Tree.Root];
            var result = ErofsCli.Run(["mkfs", .. args]);
            Assert.True(result.ExitCode == 0, $"erofs mkfs {options} failed: {result.StdErr}");
        }
        return (image, blob);
    }
}
