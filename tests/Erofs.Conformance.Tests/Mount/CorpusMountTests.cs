using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Every reference image mounted by our daemon shows exactly what the Linux kernel showed
/// (the manifest): types, modes, owners, link counts, nanosecond mtimes, contents, symlink targets,
/// device numbers, xattrs and ACLs.
/// </summary>
public sealed class CorpusMountTests
{
    public static TheoryData<string> AllImages => CorpusImages.Names();

    [Theory]
    [MemberData(nameof(AllImages))]
    public void MountedTreeMatchesTheKernelManifest(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var mount = DaemonMount.Start(corpus);

        var differences = TreeComparer.CompareToManifest(corpus.LoadManifest(), mount.MountPoint);

        TreeComparer.AssertNoDifferences(differences, $"{name} through erofs mount");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("blobdev")]
    [InlineData("lz4-all-fragments-dedupe")]
    [InlineData("metabox-lz4")]
    [InlineData("dot-omitted")]
    public void HardLinksAndListingsMatchAKernelMount(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var kernel = KernelMount.Mount(corpus, KernelMountMode.FileBacked);
        using var ours = DaemonMount.Start(corpus);

        // Snapshots carry inode numbers, so hard-link groups are compared too.
        var differences = TreeComparer.Compare(TreeSnapshot.Capture(kernel.MountPoint), TreeSnapshot.Capture(ours.MountPoint));

        TreeComparer.AssertNoDifferences(differences, $"{name}: kernel mount vs erofs mount");
    }
}
