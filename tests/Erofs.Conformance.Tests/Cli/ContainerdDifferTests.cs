using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Cli;

/// <summary>
/// containerd's EROFS differ runs <c>mkfs.erofs --tar=f --aufs --quiet -Enoinline_data [-T0 --mkfs-time
/// --sort=none] -U UUID LAYER</c> with the layer's tar on standard input, through PATH. Our binary, found
/// under that name, must take that exact line, print nothing, and make an image the kernel mounts as the
/// layer's tree (whiteouts turned into overlayfs ones).
/// </summary>
public sealed class ContainerdDifferTests(FullTreeFixture fixture, DropInLinks links) : IClassFixture<FullTreeFixture>, IClassFixture<DropInLinks>
{
    private const string Uuid = "5eed0000-0000-4000-8000-00000000c0de";

    [Fact]
    public void ContainerdsCommandLineMakesALayerTheKernelMountsAsTheSource()
    {
        KernelMount.RequireSupport();
        string tar = fixture.Scratch.Combine("layer.tar");
        ProcessRunner.RunChecked("tar", ["--xattrs", "--xattrs-include=*", "--format=pax", "--sparse", "--numeric-owner", "-cf", tar, "-C", fixture.Tree.Root, "."], TimeSpan.FromMinutes(2));
        string image = fixture.Scratch.Combine("layer.erofs");

        var r = RunDiffer(tar, image);

        Assert.Equal((0, "", ""), (r.ExitCode, r.StdOut, r.StdErr));
        using (var mount = KernelMount.Mount(image))
            TreeComparer.AssertNoDifferences(TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint), new TreeCompareOptions { IgnoreRootAttributes = true }), "containerd's mkfs.erofs line");
        using var erofs = ErofsImage.Open(image);
        Assert.Equal(Uuid, erofs.Superblock.UuidText);
        // -Enoinline_data: no file keeps its tail in its inode.
        Assert.DoesNotContain(Walk(erofs), i => i.Kind == FileKind.Regular && erofs.GetExtents(i).Any(e => e.Kind == ExtentKind.Inline));
        Assert.Equal(0, links.Run("fsck.erofs", image).ExitCode);
    }

    [Fact]
    public void ContainerdsCommandLineTurnsOciWhiteoutsIntoOverlayOnes()
    {
        KernelMount.RequireSupport();
        string layer = links.Scratch.CreateSubdirectory("oci-layer");
        Directory.CreateDirectory(Path.Combine(layer, "etc"));
        File.WriteAllText(Path.Combine(layer, "etc", "kept"), "kept\n");
        File.WriteAllText(Path.Combine(layer, "etc", ".wh.gone"), "");
        Directory.CreateDirectory(Path.Combine(layer, "opaque"));
        File.WriteAllText(Path.Combine(layer, "opaque", ".wh..wh..opq"), "");
        string tar = links.Scratch.Combine("oci-layer.tar");
        ProcessRunner.RunChecked("tar", "--format=pax", "--numeric-owner", "-cf", tar, "-C", layer, ".");
        string image = links.Scratch.Combine("oci-layer.erofs");

        var r = RunDiffer(tar, image);

        Assert.Equal((0, "", ""), (r.ExitCode, r.StdOut, r.StdErr));
        using var mount = KernelMount.Mount(image);
        var stat = ProcessRunner.RunChecked("stat", "-c", "%F %t:%T", Path.Combine(mount.MountPoint, "etc", "gone"));
        Assert.Equal("character special file 0:0", stat.StdOut.Trim());
        Assert.False(File.Exists(Path.Combine(mount.MountPoint, "etc", ".wh.gone")));
        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(mount.MountPoint, "etc", "kept")));
        var opaque = ProcessRunner.RunChecked("getfattr", "--absolute-names", "-n", "trusted.overlay.opaque", "--only-values", Path.Combine(mount.MountPoint, "opaque"));
        Assert.Equal("y", opaque.StdOut.Trim());
    }

    // Exactly what containerd runs (its default arguments, then mkfs_options, then -U and the layer), tar on stdin.
    private ProcessResult RunDiffer(string tar, string image) =>
        ProcessRunner.Run("bash", ["-c", "exec \"$0\" --tar=f --aufs --quiet -Enoinline_data -T0 --mkfs-time --sort=none -U \"$1\" \"$2\" < \"$3\"",
            links.Tool("mkfs.erofs"), Uuid, image, tar], TimeSpan.FromMinutes(5));

    private static IEnumerable<InodeInfo> Walk(ErofsImage image)
    {
        var pending = new Stack<InodeInfo>([image.Root]);
        while (pending.TryPop(out var dir))
        {
            foreach (var entry in image.ReadDirectory(dir).Where(e => !e.IsDotOrDotDot))
            {
                var inode = image.GetInode(entry.Nid);
                yield return inode;
                if (inode.Kind == FileKind.Directory)
                    pending.Push(inode);
            }
        }
    }
}
