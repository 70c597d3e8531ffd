using Erofs.Reading;

namespace Erofs.Tests.Cli.DropIn;

/// <summary>dump.erofs's --cat, --blkid-udev and --offset, and its misuse, through the dump.erofs name.</summary>
public sealed class DumpErofsTests
{
    private static readonly string Plain = DropInRun.CorpusImage("plain");

    [Fact]
    public void CatWritesTheFileAndNothingElse()
    {
        var r = DropInRun.Run("dump.erofs", "--cat", "--path=/big/mixed", Plain);
        Assert.Equal((0, "", ""), (r.Code, r.Output, r.Error));
        using var image = ErofsImage.Open(Plain);
        var inode = image.ResolvePath("/big/mixed")!;
        var expected = new byte[(int)inode.Size];
        Assert.Equal(expected.Length, image.Read(inode, 0, expected));
        Assert.Equal(expected, r.Binary);
        var link = DropInRun.Run("dump.erofs", "--cat", "--path=/abs_link", Plain);
        Assert.Equal("/absolute/target", link.Text());
    }

    [Theory]
    [InlineData("--cat -s --path=/big/mixed", "--cat", 2)]
    [InlineData("--cat", "--cat", 2)]
    [InlineData("--cat --path=/big", "not a regular file or symlink", 1)]
    [InlineData("--ls", "--ls", 2)]
    [InlineData("--ls --path=/big/mixed", "not a directory", 1)]
    public void MisusedOptionsFailInOneLine(string options, string error, int code)
    {
        var r = DropInRun.Run("dump.erofs", [.. options.Split(' '), Plain]);
        Assert.Equal(code, r.Code);
        Assert.StartsWith("dump.erofs: ", r.Error, StringComparison.Ordinal);
        Assert.Contains(error, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void BlkidUdevPrintsTheFourUdevVariables()
    {
        var r = DropInRun.Run("dump.erofs", "--blkid-udev", Plain);
        Assert.Equal((0, "ID_FS_UUID=5eed0000-0000-4000-8000-000000000001\nID_FS_UUID_ENC=5eed0000-0000-4000-8000-000000000001\nID_FS_TYPE=erofs\nID_FS_USAGE=filesystem\n", ""),
            (r.Code, r.Output, r.Error));
    }

    [Fact]
    public void OffsetReadsAnImageInsideALargerFile()
    {
        using var prefixed = new PrefixedImage(Plain);
        var direct = DropInRun.Run("dump.erofs", "-s", Plain);
        var shifted = DropInRun.Run("dump.erofs", "-s", $"--offset={PrefixedImage.Offset}", prefixed.Path);
        Assert.Equal((0, direct.Output), (shifted.Code, shifted.Output));
        Assert.Equal(0, DropInRun.Run("dump.erofs", "--blkid-udev", $"--offset={PrefixedImage.Offset}", prefixed.Path).Code);
        Assert.NotEqual(0, DropInRun.Run("dump.erofs", "-s", prefixed.Path).Code);
    }

    [Fact]
    public void EveryErofsDumpOptionStillWorks()
    {
        var json = DropInRun.Run("dump.erofs", "-S", "--json", Plain);
        Assert.Equal(0, json.Code);
        Assert.StartsWith("{", json.Text(), StringComparison.Ordinal);
    }
}
