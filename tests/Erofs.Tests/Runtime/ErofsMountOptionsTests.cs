using Erofs.Runtime;

using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime;

/// <summary>The -o options of erofs mount: known ones parse, everything else is refused with a clear reason.</summary>
public sealed class ErofsMountOptionsTests
{
    [Theory]
    [InlineData("inode_share,domain_id=d", MountBackend.Auto, null)]
    [InlineData("inode_share,domain_id=d,backend=fuse,lease_linger=3", MountBackend.Fuse, "lease_linger")]
    [InlineData("inode_share,domain_id=d,backend=overlay", MountBackend.Overlay, null)]
    [InlineData("inode_share,domain_id=d,passthrough=auto,lease_linger=1", MountBackend.Auto, "passthrough")]
    public void TheBackendAndTheFirstDaemonOnlyOptionAreKept(string list, MountBackend backend, string? daemonOption)
    {
        var options = ErofsMountOptions.Parse([list]);
        Assert.Equal((backend, daemonOption), (options.Backend, options.DaemonOption));
    }

    [Fact]
    public void DevicesRepeatInOrderAndPassthroughParses()
    {
        var options = ErofsMountOptions.Parse(["device=/a,passthrough=off", "device=/b,ro"]);

        Assert.Equal(["/a", "/b"], options.Devices);
        Assert.Equal(PassthroughMode.Off, options.Passthrough);
        Assert.False(options.UsesSharing);
        Assert.Equal(PassthroughMode.Auto, ErofsMountOptions.Parse([]).Passthrough);
    }

    [Theory]
    [InlineData("bogus", "unknown mount option 'bogus'")]
    [InlineData("rw", "unknown mount option 'rw'")]
    [InlineData("device", "needs a value")]
    [InlineData("device=", "needs a value")]
    [InlineData("passthrough=on", "expected auto or off")]
    [InlineData("inode_share=1", "takes no value")]
    [InlineData("inode_share", "needs 'domain_id=NAME'")]
    [InlineData("fingerprint=remote", "expected image or local")]
    [InlineData("domain_id=d", "'domain_id' needs 'inode_share'")]
    [InlineData("store=/s", "'store' needs 'inode_share'")]
    [InlineData("trust_fingerprints", "'trust_fingerprints' needs 'inode_share'")]
    [InlineData("domain_id=.", "domain_id '.' is invalid")]
    [InlineData("domain_id=..", "is invalid")]
    [InlineData("domain_id=-x", "is invalid")]
    [InlineData("domain_id=a/b", "is invalid")]
    [InlineData("domain_id=a b", "is invalid")]
    [InlineData("domain_id=", "needs a value")]
    [InlineData("lease_linger=5", "'lease_linger' needs 'inode_share'")]
    [InlineData("inode_share,domain_id=d,lease_linger=", "needs a value")]
    [InlineData("inode_share,domain_id=d,lease_linger=-1", "expected whole seconds from 0 to 3600")]
    [InlineData("inode_share,domain_id=d,lease_linger=1.5", "expected whole seconds")]
    [InlineData("inode_share,domain_id=d,lease_linger=3601", "expected whole seconds")]
    [InlineData("backend=overlay", "'backend' needs 'inode_share'")]
    [InlineData("inode_share,domain_id=d,backend=kernel", "expected auto or fuse or overlay")]
    [InlineData("inode_share,domain_id=d,backend=overlay,lease_linger=5", "'lease_linger' is for the FUSE daemon")]
    [InlineData("inode_share,domain_id=d,passthrough=off,backend=overlay", "'passthrough' is for the FUSE daemon")]
    public void BadOptionsAreRefused(string option, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ErofsMountOptions.Parse([option]));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainIdLengthIsBounded()
    {
        Assert.Equal(new string('a', 64), DomainName.Validate(new string('a', 64)));
        Assert.Throws<ArgumentException>(() => DomainName.Validate(new string('a', 65)));
        Assert.Equal("0.a_b-C", DomainName.Validate("0.a_b-C"));
    }

    [Fact]
    public void SharingOptionsParseAndAreFlagged()
    {
        var options = ErofsMountOptions.Parse(["inode_share,domain_id=web.1,store=/var/cache/x,fingerprint=local,trust_fingerprints"]);

        Assert.True(options.InodeShare);
        Assert.Equal("web.1", options.DomainId);
        Assert.Equal("/var/cache/x", options.Store);
        Assert.Equal(FingerprintSource.Local, options.Fingerprint);
        Assert.True(options.TrustFingerprints);
        Assert.True(options.UsesSharing);
        Assert.Null(options.LeaseLinger);
        Assert.Equal(TimeSpan.Zero, ErofsMountOptions.Parse(["inode_share,domain_id=d,lease_linger=0"]).LeaseLinger);
        Assert.Equal(TimeSpan.FromHours(1), ErofsMountOptions.Parse(["inode_share,domain_id=d,lease_linger=3600"]).LeaseLinger);
    }

    [Theory]
    [InlineData("tenant,trust_fingerprints")]
    [InlineData("../other")]
    [InlineData("")]
    public void ADomainSetInCodeIsCheckedAsTheOptionStringWouldBe(string tenant)
    {
        var e = Assert.Throws<ArgumentException>(() => new ErofsMountOptions { InodeShare = true, DomainId = tenant });
        Assert.Contains("is invalid", e.Message, StringComparison.Ordinal);
        Assert.Equal("tenant-7", new ErofsMountOptions { DomainId = "tenant-7" }.DomainId);
    }
}
