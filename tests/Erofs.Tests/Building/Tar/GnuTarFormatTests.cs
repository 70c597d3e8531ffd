using System.Text;
using Erofs.Building.Source;
using Erofs.Building.Tar;
using Erofs.Reading;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>Archives written by GNU tar in each of its formats read back as the tree they came from.</summary>
public sealed class GnuTarFormatTests : IDisposable
{
    private readonly TarScratch _scratch = new();

    public GnuTarFormatTests() => GnuTarSample.Create(_scratch["src"]);

    public void Dispose() => _scratch.Dispose();

    private TarArchive Archive(string format, out byte[] bytes)
    {
        var path = _scratch[format + ".tar"];
        GnuTarSample.Archive(_scratch["src"], path, "--format=" + format);
        bytes = File.ReadAllBytes(path);
        var tar = TarArchive.Open(path, new TarReadOptions());
        Assert.Equal(path, tar.IndexablePath);
        return tar;
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("oldgnu")]
    [InlineData("pax")]
    [InlineData("ustar")]
    public void Every_kind_of_file_comes_back(string format)
    {
        using var tar = Archive(format, out var bytes);
        var root = tar.Root;
        uint expectedNs = format == "pax" ? GnuTarSample.Nanoseconds : 0;
        Assert.Equal((0x41E9u, GnuTarSample.Seconds, expectedNs), (root.Mode, root.MtimeSeconds, root.MtimeNanoseconds));
        Assert.Equal(["bdev", "big", "cdev", "d", "empty", "fifo", "hard", "link", GnuTarSample.LongDirectory], Names(root));

        var d = Find(root, "d");
        Assert.Equal((0x41E8u, GnuTarSample.Uid, GnuTarSample.Gid), (d.Mode, d.Uid, d.Gid));
        var file = Find(root, "d/f.txt");
        Assert.Equal((0x81A0u, GnuTarSample.Uid, GnuTarSample.Gid), (file.Mode, file.Uid, file.Gid));
        Assert.Equal((GnuTarSample.Seconds, expectedNs), (file.MtimeSeconds, file.MtimeNanoseconds));
        Assert.Equal("hello\n"u8.ToArray(), Content(file));
        Assert.Same(file, Find(root, "hard"));
        AssertLocationsMatch(file, bytes);

        var link = Find(root, "link");
        Assert.Equal((0xA1FFu, GnuTarSample.Uid), (link.Mode, link.Uid));
        Assert.Equal("d/f.txt"u8.ToArray(), link.LinkTarget);
        Assert.Null(Find(root, "empty").Content);
        Assert.Equal(GnuTarSample.Bytes(100_000, 1), Content(Find(root, "big")));
        AssertLocationsMatch(Find(root, "big"), bytes);
        Assert.Equal("deep"u8.ToArray(), Content(Find(root, GnuTarSample.LongDirectory + "/" + GnuTarSample.LongFile)));
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("oldgnu")]
    [InlineData("pax")]
    [InlineData("ustar")]
    public void Devices_and_fifos(string format)
    {
        using var tar = Archive(format, out _);
        var cdev = Find(tar.Root, "cdev");
        Assert.Equal((FileKind.CharacterDevice, 0x21A0u, 1u, 3u), (cdev.Kind, cdev.Mode, cdev.RdevMajor, cdev.RdevMinor));
        var bdev = Find(tar.Root, "bdev");
        Assert.Equal((FileKind.BlockDevice, 0x6180u, 7u, 0u), (bdev.Kind, bdev.Mode, bdev.RdevMajor, bdev.RdevMinor));
        Assert.Equal(0x1180u, Find(tar.Root, "fifo").Mode);
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    public void Names_longer_than_the_header_and_ids_too_big_for_octal(string format)
    {
        var name = new string('L', 230);
        var target = new string('T', 200);
        var src = _scratch["src"];
        File.WriteAllText(Path.Combine(src, name), "long");
        File.CreateSymbolicLink(Path.Combine(src, "longlink"), target);
        Erofs.Tests.Interop.Tool.Run("chown", "-h", "3000000:4000000", Path.Combine(src, name));
        using var tar = Archive(format, out _);
        var file = Find(tar.Root, name);
        Assert.Equal("long"u8.ToArray(), Content(file));
        Assert.Equal((3_000_000u, 4_000_000u), (file.Uid, file.Gid));
        Assert.Equal(Encoding.UTF8.GetBytes(target), Find(tar.Root, "longlink").LinkTarget);
    }

    [Fact]
    public void Pax_xattrs_are_byte_exact()
    {
        var src = _scratch["src"];
        var file = Path.Combine(src, "d/f.txt");
        const string capability = "0100000200200000000000000000000000000000";
        Erofs.Tests.Interop.Tool.Run("setfattr", "-h", "-n", "security.capability", "-v", "0x" + capability, file);
        Erofs.Tests.Interop.Tool.Run("setfattr", "-h", "-n", "user.binary", "-v", "0x000a0d0a3d00ff", file);
        Erofs.Tests.Interop.Tool.Run("setfattr", "-h", "-n", "trusted.t", "-v", "trusted value", file);
        Erofs.Tests.Interop.Tool.Run("setfattr", "-h", "-n", "user.dir", "-v", "on a directory", Path.Combine(src, "d"));
        var path = _scratch["x.tar"];
        GnuTarSample.Archive(src, path, "--format=pax", "--xattrs", "--xattrs-include=*");
        using var tar = TarArchive.Open(path, new TarReadOptions());
        var node = Find(tar.Root, "d/f.txt");
        Assert.Equal(Convert.FromHexString(capability), Xattr(node, "security.capability"));
        Assert.Equal(new byte[] { 0, 0x0A, 0x0D, 0x0A, 0x3D, 0, 0xFF }, Xattr(node, "user.binary"));
        Assert.Equal("trusted value"u8.ToArray(), Xattr(node, "trusted.t"));
        Assert.Equal(3, node.Xattrs.Count);
        Assert.Equal("on a directory"u8.ToArray(), Xattr(Find(tar.Root, "d"), "user.dir"));
        Assert.Same(node, Find(tar.Root, "hard"));
    }
}
