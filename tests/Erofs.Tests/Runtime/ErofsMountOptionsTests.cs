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
    [InlineData("domain_id=a/b", "it contains '/'")]
    [InlineData("domain_id=a\nb", "control character")]
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

    /// <summary>What the kernel takes and is one safe directory name is a domain: containerd's "__test__" included.</summary>
    [Theory]
    [InlineData("__test__")]
    [InlineData("0.a_b-C")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData(".hidden")]
    [InlineData("...")]
    [InlineData("tenant=7:blue")]
    [InlineData("ünïcødé ドメイン")]
    public void DomainIdTakesAnySafeDirectoryName(string name)
    {
        Assert.Equal(name, DomainName.Validate(name));
        Assert.True(DomainName.IsValid(name));
        Assert.Equal(name, ErofsMountOptions.Parse([$"inode_share,domain_id={name}"]).DomainId);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(".", "'.' and '..' are not directory names")]
    [InlineData("..", "'.' and '..' are not directory names")]
    [InlineData("a/b", "it contains '/'")]
    [InlineData("/", "it contains '/'")]
    [InlineData("a,trust_fingerprints", "it contains ','")]
    [InlineData("a\0b", "control character")]
    [InlineData("a\tb", "control character")]
    [InlineData("a\u007fb", "control character")]
    [InlineData("a\u0085b", "control character")]
    public void DomainIdRefusesWhatIsNotOneSafeDirectoryName(string name, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => DomainName.Validate(name));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(DomainName.IsValid(name));
        // One line whatever the name holds.
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Fact]
    public void DomainIdMustBeValidUnicode()
    {
        // Built here: a lone surrogate does not survive as test-case data.
        string name = "a" + (char)0xD800;
        Assert.Contains("not valid Unicode", Assert.Throws<ArgumentException>(() => DomainName.Validate(name)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainIdLengthIsCountedInUtf8Bytes()
    {
        Assert.Equal(new string('a', 255), DomainName.Validate(new string('a', 255)));
        Assert.Contains("256 bytes long (at most 255)", Assert.Throws<ArgumentException>(() => DomainName.Validate(new string('a', 256))).Message, StringComparison.Ordinal);
        // 127 two-byte letters are 254 bytes; 128 are 256.
        Assert.Equal(new string('é', 127), DomainName.Validate(new string('é', 127)));
        Assert.Throws<ArgumentException>(() => DomainName.Validate(new string('é', 128)));
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
