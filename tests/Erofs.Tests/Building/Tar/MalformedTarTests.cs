using System.Text;

namespace Erofs.Tests.Building.Tar;

/// <summary>Broken or lying archives give one clear line naming what is wrong and where.</summary>
public sealed class MalformedTarTests : IDisposable
{
    private readonly TarScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Archive_ending_inside_a_header()
    {
        var archive = new TarBytes().Entry("a").Build(end: false).Concat(new byte[100]).ToArray();
        var message = _scratch.Refused(archive);
        Assert.Contains("ends inside a header", message);
        Assert.Contains("offset 512", message);
    }

    [Fact]
    public void Archive_ending_inside_data()
    {
        var full = new TarBytes().Entry("f", data: new byte[1000]).Build(end: false);
        var message = _scratch.Refused(full[..(512 + 600)]);
        Assert.Contains("entry 'f' (header at offset 0)", message);
        Assert.Contains("1000 bytes of data run past the end", message);
    }

    [Fact]
    public void Archive_ending_inside_the_padding_after_data()
    {
        var full = new TarBytes().Entry("f", data: new byte[1000]).Build(end: false);
        Assert.Contains("inside the padding", _scratch.Refused(full[..(512 + 1000)]));
    }

    [Fact]
    public void Size_field_pointing_past_the_end()
    {
        var archive = new TarBytes().Entry("f", data: "small"u8.ToArray(),
            patch: h => TarBytes.Put(h, 124, [0x80, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0], 12)).Build(); // 2^40
        var message = _scratch.Refused(archive);
        Assert.Contains("1099511627776 bytes of data run past the end", message);
    }

    [Fact]
    public void Bad_checksum()
    {
        var archive = new TarBytes().Entry("a").Entry("b").Build();
        archive[512 + 10] ^= 0x40; // damage the second header's name
        var message = _scratch.Refused(archive);
        Assert.Contains("checksum mismatch", message);
        Assert.Contains("offset 512", message);
    }

    [Fact]
    public void Signed_checksum_is_accepted()
    {
        var archive = new TarBytes().Entry("\u00e9t\u00e9").Build();
        int signedSum = archive.Take(512).Select((b, i) => i is >= 148 and < 156 ? 32 : (sbyte)b).Sum();
        TarBytes.Put(archive, 148, Encoding.ASCII.GetBytes(Convert.ToString(signedSum, 8).PadLeft(6, '0') + "\0 "), 8);
        using var tar = _scratch.Open(archive);
        Assert.Single(tar.Root.Children);
    }

    [Theory]
    [InlineData(100, "mode")]
    [InlineData(124, "size")]
    [InlineData(136, "mtime")]
    [InlineData(108, "uid")]
    public void Non_numeric_fields(int fieldOffset, string fieldName)
    {
        var archive = new TarBytes().Entry("f", patch: h => h[fieldOffset + 2] = (byte)'9').Build();
        Assert.Contains($"'{fieldName}' is not a valid number", _scratch.Refused(archive));
    }

    [Fact]
    public void Missing_magic()
    {
        var archive = new TarBytes().Entry("f", patch: h => TarBytes.Put(h, 257, "zip!\0\0"u8.ToArray(), 8)).Build();
        Assert.Contains("no ustar magic", _scratch.Refused(archive));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("../x")]
    [InlineData("..")]
    public void Dot_dot_components(string path)
    {
        var message = _scratch.Refused(new TarBytes().Pax(("path", Encoding.UTF8.GetBytes(path))).Entry("x").Build());
        Assert.Contains($"entry '{path}' (header at offset 1024)", message);
        Assert.Contains("'..'", message);
    }

    [Fact]
    public void Name_of_256_bytes()
    {
        var name = "d/" + new string('n', 256);
        var message = _scratch.Refused(new TarBytes().Pax(("path", Encoding.UTF8.GetBytes(name))).Entry("x").Build());
        Assert.Contains("256 bytes is longer than 255", message);
    }

    [Fact]
    public void Nul_in_a_pax_path()
    {
        var message = _scratch.Refused(new TarBytes().Pax(("path", "a\0b"u8.ToArray())).Entry("x").Build());
        Assert.Contains("NUL", message);
    }

    [Fact]
    public void Hard_link_to_a_missing_target_or_a_directory()
    {
        var missing = new TarBytes().Entry("a").Entry("l", '1', link: "nope/b").Build();
        var message = _scratch.Refused(missing);
        Assert.Contains("entry 'l' (header at offset 512)", message);
        Assert.Contains("'nope/b' does not exist", message);

        var directory = new TarBytes().Entry("d/", '5').Entry("l", '1', link: "d").Build();
        Assert.Contains("'d' is a directory", _scratch.Refused(directory));
        Assert.Contains("is a directory", _scratch.Refused(new TarBytes().Entry("l", '1', link: "./").Build()));
    }

    [Fact]
    public void Path_through_a_file()
    {
        var message = _scratch.Refused(new TarBytes().Entry("f").Entry("f/g").Build());
        Assert.Contains("entry 'f/g'", message);
        Assert.Contains("'f' on its path is not a directory", message);
    }

    [Fact]
    public void Root_entry_that_is_not_a_directory() =>
        Assert.Contains("root must be a directory", _scratch.Refused(new TarBytes().Entry("./").Build()));

    [Fact]
    public void Pax_length_lies_inside_an_archive()
    {
        var lying = Encoding.ASCII.GetBytes("40 path=short\n");
        var message = _scratch.Refused(new TarBytes().Entry("././@PaxHeader", 'x', lying).Entry("f").Build());
        Assert.Contains("PAX record length 40 is impossible", message);
        Assert.Contains("offset 512", message);
    }

    [Fact]
    public void Pax_header_larger_than_the_cap()
    {
        var archive = new TarBytes().Entry("././@PaxHeader", 'x', size: 2L << 20).Build();
        var message = _scratch.Refused(archive);
        Assert.Contains("PAX extended header of 2097152 bytes is larger than the 1048576 accepted", message);
    }

    [Fact]
    public void Long_name_header_larger_than_the_cap() =>
        Assert.Contains("GNU long name header", _scratch.Refused(new TarBytes().Entry("././@LongLink", 'L', size: 5L << 20, gnu: true).Build()));

    [Fact]
    public void Many_extended_headers_for_one_entry_hit_the_total_cap()
    {
        var tar = new TarBytes();
        var value = new byte[(1 << 20) - 100];
        for (int i = 0; i < 5; i++)
            tar.Pax(($"SCHILY.xattr.user.x{i}", value));
        Assert.Contains("extended headers exceed", _scratch.Refused(tar.Entry("f").Build()));
    }

    [Fact]
    public void Extended_header_with_no_entry_after_it() =>
        Assert.Contains("no entry follows", _scratch.Refused(new TarBytes().Entry("a").Pax(("uid", "1"u8.ToArray())).Build()));

    [Theory]
    [InlineData("uid", "-1", "is not a number")]
    [InlineData("gid", "4294967296", "is not a number")]
    [InlineData("size", "12x", "is not a non-negative")]
    [InlineData("mtime", "soon", "is not a time")]
    [InlineData("LIBARCHIVE.xattr.user.a", "!!!!", "is not base64")]
    [InlineData("LIBARCHIVE.xattr.user.%zz", "AA", "has a bad %XX escape")]
    [InlineData("SCHILY.xattr.", "v", "names an empty or invalid xattr")]
    public void Bad_pax_values(string key, string value, string expected)
    {
        var message = _scratch.Refused(new TarBytes().Pax((key, Encoding.ASCII.GetBytes(value))).Entry("f").Build());
        Assert.Contains($"PAX record '{key}' {expected}", message);
    }

    [Fact]
    public void Negative_base256_uid()
    {
        var archive = new TarBytes().Entry("f", patch: h => TarBytes.Put(h, 108, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 8)).Build();
        Assert.Contains("'uid' value -1 is out of range", _scratch.Refused(archive));
    }

    [Theory]
    [InlineData("0,10,5,10", "100", "overlaps")]
    [InlineData("0,10,95,10", "100", "past the real size")]
    [InlineData("0,600", "1000", "more data bytes than the 512")]
    [InlineData("0,10,20", "100", "odd count")]
    public void Lying_pax_sparse_maps(string map, string realSize, string expected)
    {
        var archive = new TarBytes()
            .Pax(("GNU.sparse.major", "0"u8.ToArray()), ("GNU.sparse.minor", "1"u8.ToArray()),
                ("GNU.sparse.map", Encoding.ASCII.GetBytes(map)), ("GNU.sparse.size", Encoding.ASCII.GetBytes(realSize)))
            .Entry("s", data: new byte[512])
            .Build();
        Assert.Contains(expected, _scratch.Refused(archive));
    }

    [Fact]
    public void Pax_sparse_without_a_real_size() =>
        Assert.Contains("GNU.sparse.size", _scratch.Refused(new TarBytes().Pax(("GNU.sparse.map", "0,1"u8.ToArray())).Entry("s", data: [1]).Build()));

    [Fact]
    public void Sparse_1_0_map_running_past_the_data()
    {
        var archive = new TarBytes()
            .Pax(("GNU.sparse.major", "1"u8.ToArray()), ("GNU.sparse.minor", "0"u8.ToArray()), ("GNU.sparse.realsize", "10"u8.ToArray()))
            .Entry("s", data: "3\n0\n"u8.ToArray())
            .Build();
        Assert.Contains("sparse map runs past the end of the entry data", _scratch.Refused(archive));
    }

    [Fact]
    public void Unsupported_sparse_version() =>
        Assert.Contains("unsupported GNU sparse format 2.0", _scratch.Refused(new TarBytes()
            .Pax(("GNU.sparse.major", "2"u8.ToArray()), ("GNU.sparse.minor", "0"u8.ToArray()), ("GNU.sparse.realsize", "1"u8.ToArray()))
            .Entry("s").Build()));

    [Fact]
    public void Old_gnu_sparse_extension_header_missing()
    {
        var archive = new TarBytes().Entry("s", 'S', gnu: true, patch: h => h[482] = 1).Build(end: false);
        Assert.Contains("inside a sparse extension header", _scratch.Refused(archive));
    }
}
