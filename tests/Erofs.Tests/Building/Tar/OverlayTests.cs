using Erofs.Building.Tar;
using Erofs.Reading;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>--aufs (OCI whiteouts to overlayfs) and --ovlfs-strip, as mkfs.erofs does them.</summary>
public sealed class OverlayTests : IDisposable
{
    private readonly TarScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static byte[] Layer() => new TarBytes()
        .Entry("etc/", '5', mode: 0x1ED)
        .Entry("etc/keep", data: "k"u8.ToArray())
        .Entry("etc/.wh.gone", mode: 0x180, patch: h => TarBytes.Octal(h, 108, 8, 42))
        .Entry("etc/.wh.old", data: "ignored data"u8.ToArray())
        .Entry("opaque/.wh..wh..opq")
        .Entry("opaque/new", data: "n"u8.ToArray())
        .Entry("real-whiteout", '3', mode: 0x1A4)
        .Pax(("SCHILY.xattr.trusted.overlay.opaque", "y"u8.ToArray()))
        .Entry("tagged/", '5')
        .Build();

    [Fact]
    public void Without_aufs_whiteout_names_are_ordinary_files()
    {
        using var tar = _scratch.Open(Layer());
        Assert.Equal([".wh.gone", ".wh.old", "keep"], Names(Find(tar.Root, "etc")));
        Assert.Equal([".wh..wh..opq", "new"], Names(Find(tar.Root, "opaque")));
        Assert.Null(Xattr(Find(tar.Root, "opaque"), "trusted.overlay.opaque"));
    }

    [Fact]
    public void Aufs_turns_whiteouts_into_character_devices_and_marks_directories()
    {
        using var tar = _scratch.Open(Layer(), new TarReadOptions { Aufs = true });
        var etc = Find(tar.Root, "etc");
        Assert.Equal(["gone", "keep", "old"], Names(etc));
        var gone = Find(tar.Root, "etc/gone");
        Assert.Equal((FileKind.CharacterDevice, 0x2180u, 0u, 0u, 42u), (gone.Kind, gone.Mode, gone.RdevMajor, gone.RdevMinor, gone.Uid));
        var old = Find(tar.Root, "etc/old");
        Assert.Equal((0x21A4u, (Erofs.Building.Source.IFileContent?)null), (old.Mode, old.Content));
        Assert.Equal(Array.Empty<byte>(), Xattr(etc, "trusted.overlay.origin"));

        var opaque = Find(tar.Root, "opaque");
        Assert.Equal(["new"], Names(opaque));
        Assert.Equal("y"u8.ToArray(), Xattr(opaque, "trusted.overlay.opaque"));
        Assert.Null(Xattr(opaque, "trusted.overlay.origin"));
        Assert.Null(Xattr(tar.Root, "trusted.overlay.origin")); // a real 0:0 device marks nothing
        Assert.Equal("y"u8.ToArray(), Xattr(Find(tar.Root, "tagged"), "trusted.overlay.opaque"));
    }

    [Fact]
    public void Opaque_marker_survives_a_later_entry_for_its_directory()
    {
        var archive = new TarBytes().Entry("d/.wh..wh..opq").Entry("d/", '5', mode: 0x1C0).Entry(".wh..wh..opq").Build();
        using var tar = _scratch.Open(archive, new TarReadOptions { Aufs = true });
        var d = Find(tar.Root, "d");
        Assert.Equal(0x41C0u, d.Mode);
        Assert.Equal("y"u8.ToArray(), Xattr(d, "trusted.overlay.opaque"));
        Assert.Equal("y"u8.ToArray(), Xattr(tar.Root, "trusted.overlay.opaque"));
        Assert.Empty(Names(d));
    }

    [Fact]
    public void Whiteout_replaces_an_earlier_file_of_that_name()
    {
        var archive = new TarBytes().Entry("d/x/inner").Entry("d/.wh.x").Build();
        using var tar = _scratch.Open(archive, new TarReadOptions { Aufs = true });
        Assert.Equal(FileKind.CharacterDevice, Find(tar.Root, "d/x").Kind);
    }

    [Fact]
    public void Empty_whiteout_name_is_refused() =>
        Assert.Contains("whiteout names no file", _scratch.Refused(new TarBytes().Entry("d/.wh.").Build(), new TarReadOptions { Aufs = true }));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ovlfs_strip_drops_whiteouts_and_opaque_markers(bool aufs)
    {
        using var tar = _scratch.Open(Layer(), new TarReadOptions { Aufs = aufs, OvlfsStrip = true });
        Assert.DoesNotContain("real-whiteout", Names(tar.Root));
        Assert.Null(Xattr(Find(tar.Root, "tagged"), "trusted.overlay.opaque"));
        var etc = Find(tar.Root, "etc");
        Assert.Null(Xattr(etc, "trusted.overlay.origin"));
        Assert.Null(Xattr(Find(tar.Root, "opaque"), "trusted.overlay.opaque"));
        if (aufs)
        {
            Assert.Equal(["keep"], Names(etc));
            Assert.Equal(["new"], Names(Find(tar.Root, "opaque")));
        }
        else
        {
            Assert.Equal([".wh.gone", ".wh.old", "keep"], Names(etc));
        }
    }
}
