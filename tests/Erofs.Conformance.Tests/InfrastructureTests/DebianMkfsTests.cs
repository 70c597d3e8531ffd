using Erofs.Conformance.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.InfrastructureTests;

/// <summary>
/// Debian's mkfs.erofs 1.5 builds an image from a generated tree, fsck.erofs 1.5 accepts it, the kernel
/// mounts it, and the mount matches the source tree in every property.
/// </summary>
public sealed class DebianMkfsTests(ErofsUtils15TreeFixture fixture, ITestOutputHelper output) : IClassFixture<ErofsUtils15TreeFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("-zlz4hc")]
    [InlineData("-zlz4 -Eztailpacking")]
    [InlineData("--chunksize=4096")]
    [InlineData("-x1 -Enoinline_data")]
    public void ImageMountsBackIdenticalToTheSource(string options)
    {
        ErofsUtils.Require();
        var image = fixture.Scratch.Combine($"image{options.Replace(' ', '_')}.erofs");
        string[] args = [.. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--quiet", "-U5eed0000-0000-4000-8000-000000000015"];

        ErofsUtils.Mkfs(image, fixture.Tree.Root, args);
        var fsck = ErofsUtils.Fsck(image);
        Assert.True(fsck.Succeeded, fsck.StdOut + fsck.StdErr);

        using var mount = KernelMount.Mount(image);
        var differences = TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(mount.MountPoint));

        output.WriteLine($"{new FileInfo(image).Length} bytes, {fixture.Snapshot.Count} paths: {TreeComparer.Format(differences)}");
        TreeComparer.AssertNoDifferences(differences, $"mkfs.erofs {options}");
    }

    [Fact]
    public void ToolsAreDebians()
    {
        ErofsUtils.Require();
        Assert.StartsWith("1.", ErofsUtils.Version(), StringComparison.Ordinal);
    }
}
