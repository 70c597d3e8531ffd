using System.Text;
using Erofs.Building.Source;
using Erofs.Building.Tar;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>Hand-made archives for what GNU tar does not write but other writers do.</summary>
public sealed class HandMadeEntryTests : IDisposable
{
    private readonly TarScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Pax_binary_xattr_keeps_nul_and_newline_bytes()
    {
        byte[] value = [0x00, 0x0A, 0x01, 0x0A, 0x00, 0x3D, 0xFF];
        var archive = new TarBytes()
            .Pax(("SCHILY.xattr.security.capability", value), ("SCHILY.xattr.user.empty", []))
            .Entry("f", data: "x"u8.ToArray())
            .Build();
        using var tar = _scratch.Open(archive);
        var file = Find(tar.Root, "f");
        Assert.Equal(value, Xattr(file, "security.capability"));
        Assert.Equal(Array.Empty<byte>(), Xattr(file, "user.empty"));
        Assert.Equal(2, file.Xattrs.Count);
    }

    [Fact]
    public void Libarchive_xattr_name_is_url_decoded_and_value_base64_decoded()
    {
        var archive = new TarBytes()
            .Pax(("LIBARCHIVE.xattr.user.a%3Db%20c", "AAEC/w"u8.ToArray()), ("LIBARCHIVE.xattr.user.p", "aGk="u8.ToArray()))
            .Entry("f")
            .Build();
        using var tar = _scratch.Open(archive);
        var file = Find(tar.Root, "f");
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0xFF }, Xattr(file, "user.a=b c"));
        Assert.Equal("hi"u8.ToArray(), Xattr(file, "user.p"));
    }

    [Fact]
    public void Global_header_applies_to_later_entries_and_per_file_records_win()
    {
        var archive = new TarBytes()
            .PaxOfType('g', ("uid", "7"u8.ToArray()), ("mtime", "1600000000.25"u8.ToArray()), ("SCHILY.xattr.user.g", "global"u8.ToArray()))
            .Entry("a")
            .Pax(("uid", "9"u8.ToArray()), ("gid", "11"u8.ToArray()), ("SCHILY.xattr.user.g", "own"u8.ToArray()))
            .Entry("b")
            .Build();
        using var tar = _scratch.Open(archive);
        var a = Find(tar.Root, "a");
        Assert.Equal((7u, 0u, 1600000000L, 250000000u), (a.Uid, a.Gid, a.MtimeSeconds, a.MtimeNanoseconds));
        Assert.Equal("global"u8.ToArray(), Xattr(a, "user.g"));
        var b = Find(tar.Root, "b");
        Assert.Equal((9u, 11u, 1600000000L), (b.Uid, b.Gid, b.MtimeSeconds));
        Assert.Equal("own"u8.ToArray(), Xattr(b, "user.g"));
    }

    [Fact]
    public void Pax_path_size_and_linkpath_override_the_header()
    {
        var name = new string('n', 200);
        var target = "t/" + new string('l', 300);
        var data = Enumerable.Range(0, 700).Select(i => (byte)i).ToArray();
        var archive = new TarBytes()
            .Pax(("path", Encoding.UTF8.GetBytes("d/" + name)), ("size", "700"u8.ToArray()), ("mtime", "5.000000001"u8.ToArray()))
            .Entry("short", data: data, size: 0)
            .Pax(("linkpath", Encoding.UTF8.GetBytes(target)))
            .Entry("sym", type: '2', link: "wrong")
            .Build();
        using var tar = _scratch.Open(archive);
        var file = Find(tar.Root, "d/" + name);
        Assert.Equal(data, Content(file));
        Assert.Equal((5L, 1u), (file.MtimeSeconds, file.MtimeNanoseconds));
        Assert.Equal(Encoding.UTF8.GetBytes(target), Find(tar.Root, "sym").LinkTarget);
        Assert.Equal(["d", "sym"], Names(tar.Root));
    }

    [Fact]
    public void Base256_size_uid_and_negative_mtime()
    {
        var data = "base-256 sized"u8.ToArray();
        var archive = new TarBytes().Entry("f", data: data, patch: h =>
        {
            TarBytes.Put(h, 124, [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)data.Length], 12);
            TarBytes.Put(h, 108, [0x80, 0, 0, 0, 0xB2, 0xD0, 0x5E, 0x00], 8); // 3,000,000,000
            TarBytes.Put(h, 136, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF6], 12); // -10
        }).Build();
        using var tar = _scratch.Open(archive);
        var file = Find(tar.Root, "f");
        Assert.Equal(data, Content(file));
        Assert.Equal(3_000_000_000u, file.Uid);
        Assert.Equal(-10, file.MtimeSeconds);
    }

    [Fact]
    public void Ustar_prefix_is_joined_but_gnu_headers_ignore_that_area()
    {
        var archive = new TarBytes()
            .Entry("name", patch: h => TarBytes.Put(h, 345, "pre/fix"u8.ToArray(), 155))
            .Entry("gnu", gnu: true, patch: h => TarBytes.Put(h, 345, "not-a-prefix"u8.ToArray(), 155))
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(["gnu", "pre"], Names(tar.Root));
        Find(tar.Root, "pre/fix/name");
    }

    [Fact]
    public void Gnu_long_name_and_long_link()
    {
        var name = "dir/" + new string('x', 255);
        var link = new string('y', 180);
        var archive = new TarBytes()
            .Entry("././@LongLink", 'L', Encoding.UTF8.GetBytes(name + "\0"), gnu: true)
            .Entry("././@LongLink", 'K', Encoding.UTF8.GetBytes(link + "\0"), gnu: true)
            .Entry("trunc", '2', gnu: true, link: "trunc")
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(Encoding.UTF8.GetBytes(link), Find(tar.Root, name).LinkTarget);
    }

    [Fact]
    public void Devices_fifo_and_raw_symlink_bytes()
    {
        var archive = new TarBytes()
            .Entry("c", '3', mode: 0x1B6, patch: h => { TarBytes.Octal(h, 329, 8, 4); TarBytes.Octal(h, 337, 8, 300); })
            .Entry("b", '4', mode: 0x180, patch: h => { TarBytes.Octal(h, 329, 8, 259); TarBytes.Octal(h, 337, 8, 1); })
            .Entry("p", '6')
            .Entry("s", '2', patch: h => TarBytes.Put(h, 157, [0xFF, (byte)'/', 0xFE], 100))
            .Build();
        using var tar = _scratch.Open(archive);
        var c = Find(tar.Root, "c");
        Assert.Equal((0x21B6u, 4u, 300u), (c.Mode, c.RdevMajor, c.RdevMinor));
        var b = Find(tar.Root, "b");
        Assert.Equal((0x6180u, 259u, 1u), (b.Mode, b.RdevMajor, b.RdevMinor));
        Assert.Equal(0x11A4u, Find(tar.Root, "p").Mode);
        Assert.Equal(new byte[] { 0xFF, (byte)'/', 0xFE }, Find(tar.Root, "s").LinkTarget);
    }

    [Fact]
    public void Type_bits_in_the_mode_field_are_ignored_and_old_and_contiguous_types_are_regular()
    {
        var archive = new TarBytes()
            .Entry("old", '\0', "1"u8.ToArray(), mode: 0x41ED) // mode field says directory
            .Entry("contiguous", '7', "2"u8.ToArray(), mode: 0xDED) // setuid, setgid, sticky kept
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(0x81EDu, Find(tar.Root, "old").Mode);
        Assert.Equal(0x8DEDu, Find(tar.Root, "contiguous").Mode);
        Assert.Equal("2"u8.ToArray(), Content(Find(tar.Root, "contiguous")));
    }

    [Fact]
    public void Unknown_types_and_volume_headers_are_skipped_with_their_data()
    {
        var archive = new TarBytes()
            .Entry("label", 'V', gnu: true)
            .Entry("dumpdir", 'D', new byte[1000], gnu: true)
            .Entry("f", data: "after"u8.ToArray())
            .Build();
        using var tar = _scratch.Open(archive);
        Assert.Equal(["f"], Names(tar.Root));
        Assert.Equal("after"u8.ToArray(), Content(Find(tar.Root, "f")));
    }

    [Fact]
    public void End_of_file_at_a_header_boundary_or_after_a_lone_zero_block_is_accepted()
    {
        var noEnd = new TarBytes().Entry("a", data: "1"u8.ToArray()).Build(end: false);
        using (var tar = _scratch.Open(noEnd))
            Assert.Equal(["a"], Names(tar.Root));
        var loneZero = new TarBytes().Entry("a").Raw(new byte[512]).Entry("b").Raw(new byte[512]).Build(end: false);
        using (var tar = _scratch.Open(loneZero))
            Assert.Equal(["a", "b"], Names(tar.Root));
        using (var tar = _scratch.Open([]))
            Assert.Empty(tar.Root.Children);
    }

    [Fact]
    public void Anything_after_the_two_zero_blocks_is_ignored()
    {
        var archive = new TarBytes().Entry("a").Build().Concat(Encoding.ASCII.GetBytes("garbage that is not a header")).ToArray();
        using var tar = _scratch.Open(archive);
        Assert.Equal(["a"], Names(tar.Root));
    }

    [Fact]
    public void Content_reads_at_any_offset_and_refuses_reads_past_the_end()
    {
        var data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        using var tar = _scratch.Open(new TarBytes().Entry("f", data: data).Build());
        var content = Find(tar.Root, "f").Content!;
        Assert.Null(content.DataRanges);
        using var reader = content.Open();
        var middle = new byte[1000];
        reader.ReadExactly(1500, middle);
        Assert.Equal(data[1500..2500], middle);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadExactly(2001, new byte[1000]));
        var located = Assert.IsAssignableFrom<ILocatedContent>(content);
        Assert.Equal([new LocatedRange(0, 3000, 512)], located.Locations);
    }

    [Fact]
    public void Reading_after_dispose_fails()
    {
        var tar = _scratch.Open(new TarBytes().Entry("f", data: "abc"u8.ToArray()).Build());
        var content = Find(tar.Root, "f").Content!;
        tar.Dispose();
        using var reader = content.Open();
        Assert.Throws<ObjectDisposedException>(() => reader.ReadExactly(0, new byte[3]));
    }
}
