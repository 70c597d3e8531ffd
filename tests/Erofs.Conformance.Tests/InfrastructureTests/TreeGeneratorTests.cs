using System.Globalization;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class TreeGeneratorTests(FullTreeFixture fixture) : IClassFixture<FullTreeFixture>
{
    private static readonly TreeOptions Small = new() { Seed = 7, ManyEntries = 50, LargeFiles = false };

    private Dictionary<string, ManifestEntry> Entries => fixture.Snapshot.ToDictionary(e => e.Path, StringComparer.Ordinal);

    [Fact]
    public void MakesEveryFeature()
    {
        var entries = Entries;
        var tree = fixture.Tree;

        foreach (var size in TreeGenerator.FileSizes.Append(TreeGenerator.LargeFileSize))
        {
            Assert.Equal(size, entries[$"/sizes/rand-{size}"].Size);
            Assert.Equal(size, entries[$"/sizes/text-{size}"].Size);
        }

        Assert.Equal(entries["/dup/text-a"].Sha256, entries["/dup/text-b"].Sha256);
        Assert.Equal(3000, entries.Keys.Count(p => p.StartsWith("/many/", StringComparison.Ordinal)));
        Assert.Equal(FileType.Directory, entries["/empty-dir"].Type);
        Assert.DoesNotContain(entries.Keys, p => p.StartsWith("/empty-dir/", StringComparison.Ordinal));
        Assert.Contains(entries.Keys, p => p.Count(c => c == '/') == 42 && p.EndsWith("/leaf", StringComparison.Ordinal));
        Assert.Contains(entries.Keys, p => System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(p)) == 255);
        Assert.Equal(3000, entries["/links/long"].Target!.Length);
        Assert.Equal(3u, entries["/hard/a"].Nlink);
        Assert.Equal(entries["/hard/a"].Inode, entries["/hard/sub/c"].Inode);
        Assert.Equal(FileType.Fifo, entries["/special/fifo"].Type);
        Assert.Equal(new DeviceNumber(1, 3), entries["/special/null"].Rdev);
        Assert.Equal(FileType.CharDevice, entries["/special/null"].Type);
        Assert.Equal(new DeviceNumber(7, 0), entries["/special/loop0"].Rdev);
        Assert.Equal(FileType.BlockDevice, entries["/special/loop0"].Type);
        Assert.Equal(Convert.ToUInt32("4755", 8), entries["/modes/file-4755"].Permissions);
        Assert.Equal(Convert.ToUInt32("2755", 8), entries["/modes/file-2755"].Permissions);
        Assert.Equal(Convert.ToUInt32("1777", 8), entries["/modes/dir-1777"].Permissions);
        Assert.Equal(0u, entries["/modes/file-0000"].Permissions);
        Assert.Equal(4_000_000_000u, entries["/owners/file-4000000000-3000000000"].Uid);
        Assert.Equal(3_000_000_000u, entries["/owners/file-4000000000-3000000000"].Gid);
        Assert.Equal(1234u, entries["/owners/link-1234-5678"].Uid);
        Assert.Equal("hello world"u8.ToArray(), entries["/xattrs/plain"].Xattrs["user.comment"]);
        Assert.True(entries["/xattrs/plain"].Xattrs.ContainsKey("trusted.secret"));
        Assert.True(entries["/xattrs/plain"].Xattrs.ContainsKey("security.label"));
        Assert.Empty(entries["/xattrs/empty-value"].Xattrs["user.empty"]);
        Assert.True(entries["/xattrs/link"].Xattrs.ContainsKey("trusted.link"));
        Assert.True(entries["/acl/file"].Xattrs.ContainsKey("system.posix_acl_access"));
        Assert.Contains(entries.Keys, p => p.Contains("日本語", StringComparison.Ordinal));
        Assert.Equal(4_500_000_000_123_456_789, entries["/sizes/rand-1"].MtimeNs);
        Assert.Equal(0, entries["/sizes/rand-0"].MtimeNs);
        Assert.True(entries.Values.Count(e => e.MtimeNs % 1_000_000_000 != 0) > 3000, "nanosecond mtimes");
        Assert.NotEmpty(tree.WithFeature("sparse"));
        Assert.Contains("hardlink", tree.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void SparseFilesHaveHoles()
    {
        var path = fixture.Tree.FullPath("/sparse/hole-middle");
        var blocks = long.Parse(ProcessRunner.RunChecked("stat", "-c", "%b", path).StdOut.Trim(), CultureInfo.InvariantCulture);

        Assert.True(blocks * 512 < new FileInfo(path).Length / 2, $"{path}: {blocks} blocks allocated");
    }

    [Fact]
    public void TreeComparedWithItselfHasNoDifferences()
    {
        TreeComparer.AssertNoDifferences(TreeComparer.CompareDirectories(fixture.Tree.Root, fixture.Tree.Root));
        TreeComparer.AssertNoDifferences(TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(fixture.Tree.Root)));
    }

    [Fact]
    public void SameSeedGivesTheSameTreeAndAnotherSeedDoesNot()
    {
        using var dir = TempDir.Create("seed");
        var a = TreeGenerator.Generate(dir.Combine("a"), Small);
        var b = TreeGenerator.Generate(dir.Combine("b"), Small);
        var c = TreeGenerator.Generate(dir.Combine("c"), Small with { Seed = 8 });

        TreeComparer.AssertNoDifferences(TreeComparer.CompareDirectories(a.Root, b.Root));
        Assert.NotEmpty(TreeComparer.CompareDirectories(a.Root, c.Root));
    }

    [Fact]
    public void ModifiedCopyShowsExactlyTheModifications()
    {
        using var dir = TempDir.Create("modified");
        var source = TreeGenerator.Generate(dir.Combine("src"), Small);
        var copy = dir.Combine("copy");
        ProcessRunner.RunChecked("cp", "-a", source.Root, copy);
        TreeComparer.AssertNoDifferences(TreeComparer.CompareDirectories(source.Root, copy), "cp -a copy");
        var original = TreeSnapshot.Capture(source.Root).ToDictionary(e => e.Path, StringComparer.Ordinal);

        File.SetUnixFileMode(copy + "/sizes/text-1", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.AppendAllText(copy + "/sizes/rand-1", "!");
        var content = File.ReadAllBytes(copy + "/dup/text-c");
        content[0] ^= 0xFF;
        File.WriteAllBytes(copy + "/dup/text-c", content);
        ProcessRunner.RunChecked("touch", "-h", "-d", "@1234567890.5", copy + "/links/short");
        ProcessRunner.RunChecked("setfattr", "-n", "user.new", "-v", "1", copy + "/xattrs/plain");
        LibC.LChown(copy + "/owners/file-1-1", 2, 1);
        File.Delete(copy + "/names/x");
        File.WriteAllText(copy + "/empty-dir/new", "");
        File.Delete(copy + "/links/one");
        File.CreateSymbolicLink(copy + "/links/one", "y");
        File.Delete(copy + "/hard/pair-2");
        File.Copy(source.Root + "/hard/pair-1", copy + "/hard/pair-2");

        // Put back the times that the edits changed as a side effect, except the one meant to change.
        foreach (var path in new[] { "/sizes/rand-1", "/dup/text-c", "/names", "/empty-dir", "/links", "/links/one", "/hard", "/hard/pair-2" })
        {
            var mtime = original[path].MtimeNs;
            LibC.SetTimes(copy + path, 0, 0, mtime / 1_000_000_000, mtime % 1_000_000_000);
        }

        var found = TreeComparer.CompareDirectories(source.Root, copy).Select(d => $"{d.Path} {d.Property}").ToList();

        Assert.Equal(
            [
                "/dup/text-c sha256",
                "/empty-dir/new presence",
                "/hard/pair-1 nlink",
                "/hard/pair-2 nlink",
                "/links/one target",
                "/links/short mtime_ns",
                "/names/x presence",
                "/owners/file-1-1 uid",
                "/sizes/rand-1 size",
                "/sizes/rand-1 sha256",
                "/sizes/text-1 mode",
                "/xattrs/plain xattr:user.new",
                "/hard/pair-1 hardlinks",
            ],
            found);
    }

    [Fact]
    public void RefusesANonEmptyDirectory()
    {
        using var dir = TempDir.Create("nonempty");
        File.WriteAllText(dir.Combine("file"), "x");
        Assert.Throws<IOException>(() => TreeGenerator.Generate(dir.Path, Small));
    }
}
