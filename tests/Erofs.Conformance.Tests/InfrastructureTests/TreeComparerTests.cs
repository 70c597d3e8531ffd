using System.Text;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class TreeComparerTests
{
    private static readonly ManifestEntry Root = new() { Path = "/", Mode = 0x41ED, Uid = 0, Gid = 0, Nlink = 3, MtimeNs = 10 };

    private static ManifestEntry File(string path, string content = "x", ulong? inode = null, uint nlink = 1) => new()
    {
        Path = path,
        Mode = 0x81A4,
        Uid = 0,
        Gid = 0,
        Nlink = nlink,
        MtimeNs = 1_000_000_001,
        Size = content.Length,
        Sha256 = TreeSnapshot.Hash(Encoding.UTF8.GetBytes(content)),
        Inode = inode,
    };

    [Fact]
    public void EqualTreesHaveNoDifferences()
    {
        ManifestEntry[] tree = [Root, File("/a"), File("/b", "y")];
        Assert.Empty(TreeComparer.Compare(tree, tree));
    }

    [Fact]
    public void EveryPropertyIsReported()
    {
        ManifestEntry[] expected =
        [
            Root,
            File("/a") with { Xattrs = new Dictionary<string, byte[]> { ["user.x"] = [1], ["user.gone"] = [2] } },
            File("/gone"),
            new() { Path = "/dev", Mode = 0x21A4, Uid = 0, Gid = 0, Nlink = 1, MtimeNs = 0, Rdev = new DeviceNumber(1, 3) },
            new() { Path = "/link", Mode = 0xA1FF, Uid = 0, Gid = 0, Nlink = 1, MtimeNs = 0, Target = "t" },
        ];
        ManifestEntry[] actual =
        [
            Root with { MtimeNs = 11 },
            File("/a", "changed") with { Mode = 0x81ED, Uid = 1, Gid = 2, Nlink = 2, Xattrs = new Dictionary<string, byte[]> { ["user.x"] = [9], ["user.new"] = [] } },
            File("/extra"),
            new() { Path = "/dev", Mode = 0x61A4, Uid = 0, Gid = 0, Nlink = 1, MtimeNs = 0, Rdev = new DeviceNumber(7, 0) },
            new() { Path = "/link", Mode = 0xA1FF, Uid = 0, Gid = 0, Nlink = 1, MtimeNs = 0, Target = "u" },
        ];

        var found = TreeComparer.Compare(expected, actual).Select(d => $"{d.Path} {d.Property}").ToList();

        Assert.Equal(
            [
                "/ mtime_ns",
                "/a mode", "/a uid", "/a gid", "/a nlink", "/a size", "/a sha256", "/a xattr:user.gone", "/a xattr:user.new", "/a xattr:user.x",
                "/dev type", "/dev rdev",
                "/extra presence",
                "/gone presence",
                "/link target",
            ],
            found);
    }

    [Fact]
    public void IgnoredPropertiesAreNotReported()
    {
        var dir = new ManifestEntry { Path = "/d", Mode = 0x41ED, Uid = 0, Gid = 0, Nlink = 2, MtimeNs = 5 };
        ManifestEntry[] expected = [Root, dir, File("/a"), File("/skip")];
        ManifestEntry[] actual = [Root with { Uid = 5 }, dir with { MtimeNs = 6 }, File("/a") with { MtimeNs = 7, Xattrs = new Dictionary<string, byte[]> { ["security.selinux"] = [1] } }];

        var options = new TreeCompareOptions
        {
            IgnoreDirectoryMtime = true,
            IgnoreRootAttributes = true,
            PathFilter = p => p != "/skip",
            XattrFilter = n => !n.StartsWith("security.", StringComparison.Ordinal),
            IgnoreWhere = e => e.Path == "/a" ? TreeProperties.Mtime : TreeProperties.None,
        };

        Assert.Empty(TreeComparer.Compare(expected, actual, options));
        Assert.Equal(5, TreeComparer.Compare(expected, actual).Count);
        Assert.Single(TreeComparer.Compare(expected, actual, options with { PathFilter = null }));
        Assert.Empty(TreeComparer.Compare(expected, actual, options with { PathFilter = null, Ignore = TreeProperties.Presence }));
    }

    [Fact]
    public void HardLinkGroupsAreCompared()
    {
        ManifestEntry[] expected = [Root, File("/a", inode: 1, nlink: 2), File("/b", inode: 1, nlink: 2), File("/c", inode: 2)];
        ManifestEntry[] same = [Root, File("/a", inode: 7, nlink: 2), File("/b", inode: 7, nlink: 2), File("/c", inode: 8)];
        ManifestEntry[] split = [Root, File("/a", inode: 7, nlink: 2), File("/b", inode: 9, nlink: 2), File("/c", inode: 8)];

        Assert.Empty(TreeComparer.Compare(expected, same));
        var difference = Assert.Single(TreeComparer.Compare(expected, split));
        Assert.Equal("hardlinks", difference.Property);
        Assert.Empty(TreeComparer.Compare(expected, split, new TreeCompareOptions { Ignore = TreeProperties.HardLinks }));
    }

    [Fact]
    public void FormatListsDifferences()
    {
        var differences = new[] { new TreeDifference("/a", "uid", "0", "1") };
        Assert.Contains("/a: uid: expected 0, actual 1", TreeComparer.Format(differences), StringComparison.Ordinal);
        Assert.Equal("no differences", TreeComparer.Format([]));
    }
}
