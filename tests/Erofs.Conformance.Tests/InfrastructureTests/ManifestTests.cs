using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class ManifestTests
{
    [Fact]
    public void PlainManifestHas3200Entries()
    {
        var manifest = Manifest.ForImage("plain");

        Assert.Equal(3200, manifest.Count);
        Assert.Equal("/", manifest.Entries[0].Path);
        Assert.Equal(FileType.Directory, manifest["/"].Type);
    }

    [Fact]
    public void PlainManifestFieldsAreDecoded()
    {
        var manifest = Manifest.ForImage("plain.erofs");

        var chardev = manifest["/chardev"];
        Assert.Equal(FileType.CharDevice, chardev.Type);
        Assert.Equal(new DeviceNumber(1, 3), chardev.Rdev);
        Assert.Equal(Convert.ToUInt32("20644", 8), chardev.Mode);

        var blockdev = manifest["/blockdev"];
        Assert.Equal(FileType.BlockDevice, blockdev.Type);
        Assert.Equal(new DeviceNumber(7, 0), blockdev.Rdev);

        var bigIds = manifest["/meta/bigids"];
        Assert.Equal(200000u, bigIds.Gid);

        var link = manifest["/abs_link"];
        Assert.Equal(FileType.Symlink, link.Type);
        Assert.Equal("/absolute/target", link.Target);

        var empty = manifest["/xattr/f0"];
        Assert.Equal(0, empty.Size);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.Sha256);
        Assert.Equal("sec"u8.ToArray(), empty.Xattrs["security.s"]);

        Assert.Equal(1_700_000_000_000_000_000, manifest["/"].MtimeNs);
        Assert.Equal(Convert.ToUInt32("1777", 8), manifest["/meta/sticky_dir"].Permissions);
    }

    [Fact]
    public void NanosecondMtimesBeyondInt32SecondsLoad()
    {
        var manifest = Manifest.ForImage("mkfs-time");

        Assert.Equal(1_600_000_000_123_456_789, manifest["/meta/nsec"].MtimeNs);
        Assert.Equal(4_102_444_800_000_000_000, manifest["/meta/future"].MtimeNs);
        Assert.Equal(0, manifest["/meta/old"].MtimeNs);
    }

    [Fact]
    public void EveryCorpusManifestLoads()
    {
        foreach (var image in CorpusImages.All)
        {
            var manifest = image.LoadManifest();
            Assert.True(manifest.Count > 3, $"{image.Name}: only {manifest.Count} entries");
            Assert.Equal("/", manifest.Entries[0].Path);
            Assert.All(manifest.Entries.Where(e => e.Type == FileType.Regular), e => Assert.Equal(64, e.Sha256?.Length));
        }
    }

    [Theory]
    [InlineData("0o100644", 0x81A4u)]
    [InlineData("0o40755", 0x41EDu)]
    [InlineData("120777", 0xA1FFu)]
    public void OctalModesParse(string text, uint expected)
    {
        Assert.Equal(expected, Manifest.ParseOctalMode(text));
    }

    [Fact]
    public void UnknownKeysAndMissingFieldsAreRejected()
    {
        Assert.ThrowsAny<Exception>(() => Manifest.ParseLine("""{"path": "/", "mode": "0o40755", "uid": 0, "gid": 0, "nlink": 2, "mtime_ns": 0, "surprise": 1}"""));
        Assert.Throws<InvalidDataException>(() => Manifest.ParseLine("""{"path": "/", "mode": "0o40755", "uid": 0, "gid": 0, "nlink": 2}"""));
        Assert.Throws<FormatException>(() => Manifest.ParseLine("""{"path": "/", "mode": "0o4075x", "uid": 0, "gid": 0, "nlink": 2, "mtime_ns": 0}"""));
    }
}
