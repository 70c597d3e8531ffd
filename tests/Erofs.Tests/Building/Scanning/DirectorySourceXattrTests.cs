using Erofs.Building.Scanning;
using Erofs.Building.Source;
using Erofs.Interop;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Scanning;

/// <summary>Extended attributes and ACLs, compared with what lgetxattr returns for the same names.</summary>
public sealed class DirectorySourceXattrTests
{
    [Fact]
    public void Every_namespace_and_binary_values_are_read_exactly()
    {
        using var tree = new ScanTree();
        var path = tree.File("file");
        byte[] binary = [0, 1, 2, 0xFF, 0, 0x80];
        NativeFile.SetXattr(path, "user.mime", "text/plain"u8);
        NativeFile.SetXattr(path, "user.empty", []);
        NativeFile.SetXattr(path, "trusted.blob", binary);
        NativeFile.SetXattr(path, "security.label", "secret"u8);

        var node = DirectorySource.Scan(tree.Root, new DirectoryScanOptions()).Get("file");

        var byName = node.Xattrs.ToDictionary(x => x.Name, x => x.Value);
        Assert.Equal(["security.label", "trusted.blob", "user.empty", "user.mime"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(binary, byName["trusted.blob"]);
        Assert.Equal("text/plain"u8.ToArray(), byName["user.mime"]);
        Assert.Empty(byName["user.empty"]);
        Assert.Equal("secret"u8.ToArray(), byName["security.label"]);
    }

    [Fact]
    public void Access_and_default_acls_are_the_raw_system_xattrs()
    {
        using var tree = new ScanTree();
        var file = tree.File("shared");
        var dir = tree.Dir("inherit");
        Tool.Run("setfacl", "-m", "u:1234:r,g:99:rw", file);
        Tool.Run("setfacl", "-d", "-m", "u:1234:rx", dir);

        var root = DirectorySource.Scan(tree.Root, new DirectoryScanOptions());

        var access = Assert.Single(root.Get("shared").Xattrs, x => x.Name == "system.posix_acl_access");
        Assert.Equal(NativeFile.GetXattr(file, "system.posix_acl_access"), access.Value);
        Assert.Equal(2, BitConverter.ToInt32(access.Value, 0)); // POSIX_ACL_XATTR_VERSION
        // After the 4-byte version come 8-byte entries: tag, permissions, id.
        Assert.Contains(access.Value.Skip(4).Chunk(8), e => BitConverter.ToUInt32(e, 4) == 1234);
        var inherited = Assert.Single(root.Get("inherit").Xattrs, x => x.Name == "system.posix_acl_default");
        Assert.Equal(NativeFile.GetXattr(dir, "system.posix_acl_default"), inherited.Value);
    }

    [Fact]
    public void A_symlink_has_its_own_xattrs_not_its_targets()
    {
        using var tree = new ScanTree();
        var target = tree.File("target");
        NativeFile.SetXattr(target, "user.of", "target"u8);
        NativeFile.CreateSymbolicLink("target"u8, tree["link"]);
        NativeFile.SetXattr(tree["link"], "trusted.of", "link"u8);

        var link = DirectorySource.Scan(tree.Root, new DirectoryScanOptions()).Get("link");

        var xattr = Assert.Single(link.Xattrs);
        Assert.Equal("trusted.of", xattr.Name);
        Assert.Equal("link"u8.ToArray(), xattr.Value);
    }

    [Fact]
    public void Xattrs_of_a_non_utf8_name_are_read_through_its_raw_path()
    {
        using var tree = new ScanTree();
        tree.Shell("touch \"$(printf 'x\\377')\" && setfattr -n user.k -v v \"$(printf 'x\\377')\"");
        var node = DirectorySource.Scan(tree.Root, new DirectoryScanOptions()).Find([(byte)'x', 0xFF])!;
        var xattr = Assert.Single(node.Xattrs);
        Assert.Equal("user.k", xattr.Name);
        Assert.Equal("v"u8.ToArray(), xattr.Value);
    }

    [Fact]
    public void Turning_xattrs_off_reads_none()
    {
        using var tree = new ScanTree();
        var path = tree.File("file");
        NativeFile.SetXattr(path, "user.a", "1"u8);
        NativeFile.SetXattr(tree.Root, "user.root", "1"u8);

        var root = DirectorySource.Scan(tree.Root, new DirectoryScanOptions { ReadXattrs = false });

        Assert.Empty(root.Xattrs);
        Assert.Empty(root.Get("file").Xattrs);
        var withXattrs = DirectorySource.Scan(tree.Root, new DirectoryScanOptions());
        Assert.Equal("user.root", Assert.Single(withXattrs.Xattrs).Name);
    }
}
