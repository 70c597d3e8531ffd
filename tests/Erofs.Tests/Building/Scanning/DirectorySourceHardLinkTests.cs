using Erofs.Building.Scanning;
using Erofs.Interop;
using Erofs.Reading;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Scanning;

/// <summary>Hard links: one shared node per inode, or independent copies with --hard-dereference.</summary>
public sealed class DirectorySourceHardLinkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Every_name_of_a_linked_file_shares_one_node(int parallelism)
    {
        using var tree = new ScanTree();
        var first = tree.File("one", "linked");
        for (int i = 0; i < 20; i++)
            NativeFile.CreateHardLink(first, tree.Dir($"d{i}") + "/two");
        NativeFile.CreateSymbolicLink("one"u8, tree["sym"]);
        NativeFile.CreateHardLink(tree["sym"], tree["sym2"]); // link(2) links the symlink itself
        tree.File("single", "linked");
        Assert.Equal("21", Tool.Stat("%h", first));

        var root = DirectorySource.Scan(tree.Root, new DirectoryScanOptions { MaxParallelism = parallelism });

        var node = root.Get("one");
        for (int i = 0; i < 20; i++)
            Assert.Same(node, root.Get($"d{i}/two"));
        Assert.Equal("linked"u8.ToArray(), node.ReadAll());
        Assert.Same(root.Get("sym"), root.Get("sym2"));
        Assert.Equal(FileKind.Symlink, root.Get("sym2").Kind);
        Assert.NotSame(node, root.Get("single"));
    }

    [Fact]
    public void Hard_dereference_gives_each_name_its_own_node_with_the_same_data()
    {
        using var tree = new ScanTree();
        var first = tree.File("one", "linked");
        NativeFile.SetXattr(first, "user.k", "v"u8);
        NativeFile.CreateHardLink(first, tree["two"]);

        var root = DirectorySource.Scan(tree.Root, new DirectoryScanOptions { HardDereference = true });

        var one = root.Get("one");
        var two = root.Get("two");
        Assert.NotSame(one, two);
        Assert.Equal(one.ReadAll(), two.ReadAll());
        Assert.Equal((one.Mode, one.MtimeSeconds, one.MtimeNanoseconds), (two.Mode, two.MtimeSeconds, two.MtimeNanoseconds));
        Assert.Equal("user.k", Assert.Single(two.Xattrs).Name);
    }

    [Fact]
    public void Directories_are_never_merged()
    {
        using var tree = new ScanTree();
        tree.Dir("a/sub");
        tree.Dir("b/sub");
        var root = DirectorySource.Scan(tree.Root, new DirectoryScanOptions());
        Assert.NotSame(root.Get("a"), root.Get("b"));
        Assert.NotSame(root.Get("a/sub"), root.Get("b/sub"));
    }
}
