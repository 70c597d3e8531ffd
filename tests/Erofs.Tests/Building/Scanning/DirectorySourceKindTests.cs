using System.Globalization;
using System.Net.Sockets;
using Erofs.Building.Scanning;
using Erofs.Building.Source;
using Erofs.Interop;
using Erofs.Reading;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Scanning;

/// <summary>Every kind of file a directory can hold, and its metadata, checked against stat(1).</summary>
public sealed class DirectorySourceKindTests
{
    private static readonly DirectoryScanOptions Defaults = new();

    [Fact]
    public void A_regular_file_keeps_mode_owner_nanosecond_mtime_and_content()
    {
        using var tree = new ScanTree();
        var path = tree.File("file.txt", "hello\n");
        NativeFile.SetOwner(path, 1234, 5678);
        NativeFile.SetMode(path, 0x9ED); // 04755: setuid survives
        Tool.Run("touch", "-h", "-d", "2021-03-04 05:06:07.123456789 UTC", path);

        var node = DirectorySource.Scan(tree.Root, Defaults).Get("file.txt");

        Assert.Equal(FileKind.Regular, node.Kind);
        Assert.Equal(0x89EDu, node.Mode);
        Assert.Equal(Hex(Tool.Stat("%f", path)), node.Mode);
        Assert.Equal((1234u, 5678u), (node.Uid, node.Gid));
        Assert.Equal(1614834367L, node.MtimeSeconds);
        Assert.Equal(123456789u, node.MtimeNanoseconds);
        Assert.Equal(6UL, node.Size);
        Assert.Equal("hello\n"u8.ToArray(), node.ReadAll());
    }

    [Fact]
    public void An_empty_file_has_no_content()
    {
        using var tree = new ScanTree();
        tree.File("empty", "");
        var node = DirectorySource.Scan(tree.Root, Defaults).Get("empty");
        Assert.Equal(FileKind.Regular, node.Kind);
        Assert.Null(node.Content);
        Assert.Equal(0UL, node.Size);
    }

    [Fact]
    public void Directories_nest_and_keep_their_special_bits()
    {
        using var tree = new ScanTree();
        tree.File("a/b/c/leaf", "leaf");
        var sticky = tree.Dir("tmp");
        NativeFile.SetMode(sticky, 0x3FF); // 01777
        Tool.Run("touch", "-d", "1999-12-31 23:59:59.5 UTC", sticky);

        var root = DirectorySource.Scan(tree.Root, Defaults);

        Assert.Equal(["a", "a/b", "a/b/c", "a/b/c/leaf", "tmp"], root.Paths());
        var node = root.Get("tmp");
        Assert.Equal(0x43FFu, node.Mode);
        Assert.Equal((946684799L, 500_000_000u), (node.MtimeSeconds, node.MtimeNanoseconds));
        Assert.Equal(Hex(Tool.Stat("%f", tree.Root)), root.Mode);
        Assert.Equal(long.Parse(Tool.Stat("%Y", tree.Root), CultureInfo.InvariantCulture), root.MtimeSeconds);
    }

    [Fact]
    public void Symlinks_keep_long_and_non_utf8_targets_byte_for_byte()
    {
        using var tree = new ScanTree();
        var longTarget = new byte[4095];
        for (int i = 0; i < longTarget.Length; i++)
            longTarget[i] = i % 2 == 0 ? (byte)'x' : (byte)'/';
        byte[] oddTarget = [(byte)'a', 0xFF, 0xFE, (byte)'/', (byte)'b'];
        NativeFile.CreateSymbolicLink(longTarget, tree["long"]);
        NativeFile.CreateSymbolicLink(oddTarget, tree["odd"]);
        Tool.Run("touch", "-h", "-d", "2020-01-01 00:00:00.000000042 UTC", tree["odd"]);
        NativeFile.SetOwner(tree["odd"], 42, 43);

        var root = DirectorySource.Scan(tree.Root, Defaults);

        var link = root.Get("long");
        Assert.Equal(FileKind.Symlink, link.Kind);
        Assert.Equal(longTarget, link.LinkTarget);
        Assert.Equal(4095UL, link.Size);
        var odd = root.Get("odd");
        Assert.Equal(oddTarget, odd.LinkTarget);
        Assert.Equal(Hex(Tool.Stat("%f", tree["odd"])), odd.Mode);
        Assert.Equal((42u, 43u, 1577836800L, 42u), (odd.Uid, odd.Gid, odd.MtimeSeconds, odd.MtimeNanoseconds));
    }

    [Fact]
    public void Devices_fifos_and_sockets_are_kept_with_their_numbers()
    {
        using var tree = new ScanTree();
        NativeFile.MakeNode(tree["null"], 0x2000 | 0x1B6, NativeFile.MakeDevice(1, 3));
        NativeFile.SetMode(tree["null"], 0x1B6); // past the umask
        NativeFile.MakeNode(tree["disk"], 0x6000 | 0x180, NativeFile.MakeDevice(259, 300_000));
        NativeFile.MakeNode(tree["pipe"], 0x1000 | 0x1A4, 0);
        // Kept open through the scan: .NET unlinks the socket file when the socket is disposed.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(tree["sock"]));

        var root = DirectorySource.Scan(tree.Root, Defaults);

        var chr = root.Get("null");
        Assert.Equal((FileKind.CharacterDevice, 0x21B6u, 1u, 3u), (chr.Kind, chr.Mode, chr.RdevMajor, chr.RdevMinor));
        Assert.Equal(Hex(Tool.Stat("%f", tree["null"])), chr.Mode);
        var blk = root.Get("disk");
        Assert.Equal((FileKind.BlockDevice, 259u, 300_000u), (blk.Kind, blk.RdevMajor, blk.RdevMinor));
        Assert.Equal(Convert.ToUInt32(Tool.Stat("%Hr", tree["disk"])), blk.RdevMajor);
        Assert.Equal(Convert.ToUInt32(Tool.Stat("%Lr", tree["disk"])), blk.RdevMinor);
        var fifo = root.Get("pipe");
        Assert.Equal((FileKind.Fifo, 0x11A4u, 0UL), (fifo.Kind, fifo.Mode, fifo.Size));
        var sock = root.Get("sock");
        Assert.Equal(FileKind.Socket, sock.Kind);
        Assert.Equal(Hex(Tool.Stat("%f", tree["sock"])), sock.Mode);
        Assert.Null(sock.Content);
    }

    [Fact]
    public void Names_that_are_not_utf8_survive_and_children_sort_by_name_bytes()
    {
        using var tree = new ScanTree();
        tree.Shell("printf data > \"$(printf 'bad\\377name')\" && mkdir \"$(printf 'dir\\376')\" && "
            + "printf in > \"$(printf 'dir\\376')/inner\" && touch B a _ z");

        var root = DirectorySource.Scan(tree.Root, Defaults);

        byte[] bad = [.. "bad"u8, 0xFF, .. "name"u8];
        byte[] dir = [.. "dir"u8, 0xFE];
        byte[][] expected = [[(byte)'B'], [(byte)'_'], [(byte)'a'], bad, dir, [(byte)'z']];
        Assert.Equal(expected, root.Children.Select(c => c.Name));
        Assert.Equal("data"u8.ToArray(), root.Find(bad)!.ReadAll()); // opened by its raw path
        Assert.Equal("in"u8.ToArray(), root.Find([.. dir, (byte)'/', .. "inner"u8])!.ReadAll());
    }

    [Fact]
    public void A_trailing_slash_or_a_symlinked_root_scans_the_same_directory()
    {
        using var tree = new ScanTree();
        tree.File("src/one", "1");
        Tool.Run("setfattr", "-n", "user.where", "-v", "root", tree["src"]);
        Directory.CreateSymbolicLink(tree["via"], tree["src"]);

        var plain = DirectorySource.Scan(tree["src"], Defaults);
        var slashed = DirectorySource.Scan(tree["src"] + "//", Defaults);
        var linked = DirectorySource.Scan(tree["via"], Defaults);

        foreach (var root in new[] { plain, slashed, linked })
        {
            Assert.Equal(FileKind.Directory, root.Kind);
            Assert.Equal(["one"], root.Paths());
            Assert.Equal("root"u8.ToArray(), Assert.Single(root.Xattrs, x => x.Name == "user.where").Value);
        }
    }

    private static uint Hex(string text) => uint.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
