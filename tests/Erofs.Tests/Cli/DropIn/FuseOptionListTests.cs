using Erofs.Cli.CommandLine;
using Erofs.Cli.DropIn;

namespace Erofs.Tests.Cli.DropIn;

/// <summary>erofsfuse's -o lists as `erofs mount` takes them: what always holds is dropped, ours pass, the rest is refused.</summary>
public sealed class FuseOptionListTests
{
    [Fact]
    public void AlwaysTrueOptionsAreDroppedOursPass()
    {
        Assert.Equal(["device=/b1", "passthrough=off", "device=/b2"],
            FuseOptionList.Translate(["ro,allow_other,device=/b1", "default_permissions,nosuid,nodev,passthrough=off", "device=/b2", ""]));
    }

    [Fact]
    public void SharingIsServedByTheFuseBackend()
    {
        Assert.Equal(["inode_share", "domain_id=__test__", "backend=fuse"], FuseOptionList.Translate(["inode_share,domain_id=__test__"]));
        Assert.Equal(["inode_share", "backend=fuse", "domain_id=d"], FuseOptionList.Translate(["inode_share,backend=fuse,domain_id=d"]));
        Assert.Throws<CommandLineException>(() => FuseOptionList.Translate(["inode_share,domain_id=d,backend=overlay"]));
    }

    [Theory]
    [InlineData("fsname=img")]
    [InlineData("subtype=erofs")]
    [InlineData("auto_unmount")]
    [InlineData("max_read=4096")]
    public void OtherFuseOptionsAreNotSupportedYet(string option) =>
        Assert.Equal($"-o {option} is not supported yet", Assert.Throws<NotSupportedYetException>(() => FuseOptionList.Translate([option])).Message);

    [Fact]
    public void ReadWriteIsAUsageError() => Assert.Throws<CommandLineException>(() => FuseOptionList.Translate(["rw"]));
}
