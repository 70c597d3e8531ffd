using Erofs.Building;
using Erofs.Building.Scanning;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Scanning;

/// <summary>An unusable source is an InvalidSourceException with one line naming the path.</summary>
public sealed class DirectorySourceErrorTests
{
    [Fact]
    public void A_missing_root_names_it()
    {
        using var tree = new ScanTree();
        var missing = tree["nope"];
        var e = Assert.Throws<InvalidSourceException>(() => DirectorySource.Scan(missing, new DirectoryScanOptions()));
        Assert.Equal($"Cannot stat source directory '{missing}': No such file or directory", e.Message);
    }

    [Fact]
    public void A_root_that_is_a_file_or_a_link_to_one_is_not_a_directory()
    {
        using var tree = new ScanTree();
        var file = tree.File("file");
        File.CreateSymbolicLink(tree["link"], file);
        foreach (var root in new[] { file, tree["link"] })
        {
            var e = Assert.Throws<InvalidSourceException>(() => DirectorySource.Scan(root, new DirectoryScanOptions()));
            Assert.Equal($"Source '{file}' is not a directory", e.Message);
        }
    }

    [Fact]
    public void A_directory_too_deep_for_path_max_is_named_in_the_error()
    {
        using var tree = new ScanTree();
        // 25 levels of 200-byte names pass PATH_MAX (4096) for the full path; mkfs.erofs fails too.
        string level = new('d', 200);
        // bash, not sh: dash's cd passes the whole logical path to chdir and fails past PATH_MAX.
        Tool.Run("bash", "-c", $"cd \"$1\" && for i in $(seq 25); do mkdir {level} && cd {level} || exit 1; done && touch leaf", "bash", tree.Root);

        var e = Assert.Throws<InvalidSourceException>(() => DirectorySource.Scan(tree.Root, new DirectoryScanOptions { MaxParallelism = 3 }));

        Assert.Matches($"^Cannot (open directory|stat|list extended attributes of) '{tree.Root}(/{level})+': File name too long$", e.Message);
    }

    [Fact]
    public void A_dangling_root_symlink_names_its_target()
    {
        using var tree = new ScanTree();
        File.CreateSymbolicLink(tree["link"], tree["absent"]);
        var e = Assert.Throws<InvalidSourceException>(() => DirectorySource.Scan(tree["link"], new DirectoryScanOptions()));
        Assert.Equal($"Cannot stat source directory '{tree["absent"]}': No such file or directory", e.Message);
    }

    [Fact]
    public void Options_are_checked()
    {
        using var tree = new ScanTree();
        Assert.Throws<ArgumentOutOfRangeException>(() => DirectorySource.Scan(tree.Root, new DirectoryScanOptions { MaxParallelism = 0 }));
        Assert.Throws<ArgumentException>(() => DirectorySource.Scan("", new DirectoryScanOptions()));
        Assert.Throws<ArgumentException>(() => DirectorySource.Scan(tree.Root, new DirectoryScanOptions { ExcludeRegexes = [null!] }));
    }
}
