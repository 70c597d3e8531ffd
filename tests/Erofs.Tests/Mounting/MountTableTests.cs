using Erofs.Mounting;

namespace Erofs.Tests.Mounting;

/// <summary>/proc/self/mountinfo lines: the fields we use, found around optional fields, with the kernel's escaping undone.</summary>
public sealed class MountTableTests
{
    [Theory]
    [InlineData(@"/a\040b", "/a b")]
    [InlineData(@"/tab\011newline\012end", "/tab\tnewline\nend")]
    [InlineData(@"C:\134dir", @"C:\dir")]
    [InlineData(@"erofs:/img\043x", "erofs:/img#x")]
    [InlineData(@"\040\040", "  ")]
    [InlineData("/plain/path", "/plain/path")]
    public void EscapesAreUndone(string field, string expected) => Assert.Equal(expected, MountTable.Unescape(field));

    [Theory]
    [InlineData(@"/a\b")]
    [InlineData(@"/a\04")]
    [InlineData(@"/a\080")]
    [InlineData(@"/end\")]
    public void ABackslashNotFollowedByThreeOctalDigitsStays(string field) => Assert.Equal(field, MountTable.Unescape(field));

    [Fact]
    public void FieldsAreFoundAroundOptionalFieldsAndUnescaped()
    {
        const string line = @"36 35 0:52 / /mnt/with\040space ro,relatime master:1 shared:7 - overlay erofs:/images/a\040b\012c\134d.erofs ro,lowerdir+=/,datadir+=/store/objects,redirect_dir=on,metacopy=on";

        var entry = MountTable.Parse(line);

        Assert.Equal(new MountEntry("/mnt/with space", "overlay", "erofs:/images/a b\nc\\d.erofs", 0, 52), entry);
    }

    [Fact]
    public void ALineWithoutOptionalFieldsParses()
    {
        var entry = MountTable.Parse("25 1 259:1 / / rw,relatime - ext4 /dev/vda1 rw");

        Assert.Equal(new MountEntry("/", "ext4", "/dev/vda1", 259, 1), entry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a mountinfo line")]
    [InlineData("25 1 259:1 / / rw,relatime shared:1 ext4 /dev/vda1 rw")]
    [InlineData("25 1 259:1 / / rw,relatime - ext4")]
    [InlineData("25 1 x:1 / / rw,relatime - ext4 /dev/vda1 rw")]
    public void WhatIsNotAMountinfoLineIsSkipped(string line) => Assert.Null(MountTable.Parse(line));

    [Fact]
    public void TheRootIsInTheTableOfThisProcess()
    {
        var root = MountTable.Find("/");

        Assert.NotNull(root);
        Assert.Equal("/", root.MountPoint);
        Assert.Contains(MountTable.Read(), e => e.MountPoint == "/");
    }

    [Fact]
    public void ADirectoryThatIsNoMountPointIsNotFound()
    {
        string dir = Directory.CreateTempSubdirectory("erofs-mounttable-").FullName;
        try
        {
            Assert.Null(MountTable.Find(dir));
            Assert.Null(MountTable.Find(dir + "/"));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
