using Erofs.Building.Tar;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>How entries become a tree: paths, implicit parents, replacement, hard links, the root.</summary>
public sealed class TarTreeTests : IDisposable
{
    private readonly TarScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Paths_are_normalised()
    {
        var archive = new TarBytes()
            .Entry("./a//b/", '5')
            .Entry("/abs/x")
            .Entry("a/./b/./c")
            .Entry("///lead")
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(["a", "abs", "lead"], Names(tar.Root));
        Assert.Equal(["c"], Names(Find(tar.Root, "a/b")));
        Find(tar.Root, "abs/x");
    }

    [Fact]
    public void Root_without_an_entry_takes_the_options_and_mode_0777()
    {
        var options = new TarReadOptions { RootUid = 5, RootGid = 6, RootMtimeSeconds = 1234, RootMtimeNanoseconds = 9 };
        using var tar = _scratch.Open(new TarBytes().Entry("f").Build(), options);
        Assert.Equal((0x41FFu, 5u, 6u, 1234L, 9u), (tar.Root.Mode, tar.Root.Uid, tar.Root.Gid, tar.Root.MtimeSeconds, tar.Root.MtimeNanoseconds));
    }

    [Fact]
    public void Root_entry_sets_the_root_metadata_and_keeps_its_children()
    {
        var archive = new TarBytes()
            .Entry("f")
            .Pax(("uid", "3"u8.ToArray()), ("SCHILY.xattr.user.root", "r"u8.ToArray()))
            .Entry("./", '5', mode: 0x1C0)
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal((0x41C0u, 3u), (tar.Root.Mode, tar.Root.Uid));
        Assert.Equal("r"u8.ToArray(), Xattr(tar.Root, "user.root"));
        Assert.Equal(["f"], Names(tar.Root));
    }

    [Fact]
    public void Missing_parents_are_created_like_their_parent_then_updated_by_a_later_entry()
    {
        var archive = new TarBytes()
            .Pax(("uid", "8"u8.ToArray()), ("mtime", "77.5"u8.ToArray()))
            .Entry(".", '5', mode: 0x1FD) // 0775: group write is inherited, other write is not
            .Entry("x/y/z", data: "z"u8.ToArray())
            .Pax(("uid", "4"u8.ToArray()))
            .Entry("x/", '5', mode: 0x1C0)
            .Build();
        using var tar = _scratch.Open(archive);
        var y = Find(tar.Root, "x/y");
        Assert.Equal((0x41FDu, 8u, 77L, 500_000_000u), (y.Mode, y.Uid, y.MtimeSeconds, y.MtimeNanoseconds));
        var x = Find(tar.Root, "x");
        Assert.Equal((0x41C0u, 4u), (x.Mode, x.Uid));
        Assert.Equal(["y"], Names(x));
        Assert.Equal("z"u8.ToArray(), Content(Find(tar.Root, "x/y/z")));
    }

    [Fact]
    public void A_later_entry_replaces_an_earlier_one_of_the_same_path()
    {
        var archive = new TarBytes()
            .Entry("f", data: "old"u8.ToArray())
            .Entry("f", data: "new"u8.ToArray())
            .Entry("d/child")
            .Entry("d", data: "now a file"u8.ToArray())
            .Entry("g")
            .Entry("g/", '5')
            .Entry("g/inside")
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(["d", "f", "g"], Names(tar.Root));
        Assert.Equal("new"u8.ToArray(), Content(Find(tar.Root, "f")));
        Assert.Equal("now a file"u8.ToArray(), Content(Find(tar.Root, "d")));
        Assert.Equal(["inside"], Names(Find(tar.Root, "g")));
    }

    [Fact]
    public void Hard_links_share_the_node_even_after_the_first_name_is_replaced()
    {
        var archive = new TarBytes()
            .Entry("dir/f", data: "shared"u8.ToArray())
            .Entry("link", '1', link: "./dir/f")
            .Entry("self", data: "s"u8.ToArray())
            .Entry("self", '1', link: "self")
            .Entry("dir/f", data: "replaced"u8.ToArray())
            .Build();
        using var tar = _scratch.Open(archive);
        var link = Find(tar.Root, "link");
        Assert.Equal("shared"u8.ToArray(), Content(link));
        Assert.Equal("replaced"u8.ToArray(), Content(Find(tar.Root, "dir/f")));
        Assert.Equal("s"u8.ToArray(), Content(Find(tar.Root, "self")));

        var twice = new TarBytes().Entry("a", data: "1"u8.ToArray()).Entry("b", '1', link: "a").Entry("c", '1', link: "b").Build();
        using var tar2 = _scratch.Open(twice);
        Assert.Same(Find(tar2.Root, "a"), Find(tar2.Root, "b"));
        Assert.Same(Find(tar2.Root, "a"), Find(tar2.Root, "c"));
    }

    [Fact]
    public void Empty_files_have_no_content()
    {
        using var tar = _scratch.Open(new TarBytes().Entry("e").Build());
        var file = Find(tar.Root, "e");
        Assert.Null(file.Content);
        Assert.Equal(0UL, file.Size);
    }
}
