using Erofs.Building;
using Erofs.Building.Scanning;

namespace Erofs.Tests.Building.Scanning;

/// <summary>mkfs.erofs's --exclude-path and --exclude-regex: root-relative paths, subtrees dropped.</summary>
public sealed class DirectorySourceExcludeTests : IDisposable
{
    private readonly ScanTree _tree = new();

    public DirectorySourceExcludeTests()
    {
        foreach (var path in new[] { "keep/a.txt", "keep/b.log", "keep/inner/z", "skip.txt", "drop/inner/x", "cache/deep/y.txt", "top.log" })
            _tree.File(path);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Exact_paths_drop_files_and_whole_directories()
    {
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludePaths = ["skip.txt", "drop", "keep/b.log"] });
        Assert.Equal(["cache", "cache/deep", "cache/deep/y.txt", "keep", "keep/a.txt", "keep/inner", "keep/inner/z", "top.log"], root.Paths());
    }

    [Theory]
    [InlineData("/skip.txt")]   // compared exactly, as mkfs.erofs does: no leading slash
    [InlineData("./skip.txt")]
    [InlineData("skip")]
    [InlineData("keep/")]
    public void Exact_paths_must_be_spelled_as_the_relative_path(string path)
    {
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludePaths = [path] });
        Assert.Equal(13, root.Paths().Count);
    }

    [Fact]
    public void A_regex_is_searched_in_the_relative_path()
    {
        using var logs = new PosixRegex(@"\.log$");
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludeRegexes = [logs] });
        Assert.DoesNotContain(root.Paths(), p => p.EndsWith(".log", StringComparison.Ordinal));
        Assert.Equal(11, root.Paths().Count);
    }

    [Fact]
    public void A_regex_matching_a_directory_drops_its_subtree()
    {
        // "^cache$" matches only the directory itself, not "cache/deep/y.txt", yet the subtree goes.
        using var cache = new PosixRegex("^cache$");
        using var inner = new PosixRegex("^keep/inner");
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludeRegexes = [cache, inner] });
        Assert.Equal(["drop", "drop/inner", "drop/inner/x", "keep", "keep/a.txt", "keep/b.log", "skip.txt", "top.log"], root.Paths());
    }

    [Fact]
    public void Unanchored_regexes_match_at_any_depth_and_paths_and_regexes_combine()
    {
        using var inner = new PosixRegex("inner");
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludeRegexes = [inner], ExcludePaths = ["top.log"] });
        Assert.Equal(["cache", "cache/deep", "cache/deep/y.txt", "drop", "keep", "keep/a.txt", "keep/b.log", "skip.txt"], root.Paths());
    }

    [Fact]
    public void Regexes_see_the_raw_bytes_of_names_that_are_not_utf8()
    {
        _tree.Shell("touch \"$(printf 'odd\\377')\" \"$(printf 'odd\\376')\"");
        using var ff = new PosixRegex("^odd[^[:alnum:]]$"); // one byte after "odd" (the C locale)
        var all = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions());
        var root = DirectorySource.Scan(_tree.Root, new DirectoryScanOptions { ExcludeRegexes = [ff] });
        Assert.NotNull(all.Find([(byte)'o', (byte)'d', (byte)'d', 0xFF]));
        Assert.Equal(15, all.Paths().Count);
        Assert.Equal(13, root.Paths().Count);
        Assert.Null(root.Find([(byte)'o', (byte)'d', (byte)'d', 0xFF]));
        Assert.Null(root.Find([(byte)'o', (byte)'d', (byte)'d', 0xFE]));
    }
}
