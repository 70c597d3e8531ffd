using System.Text;
using Erofs.Dumping;
using Erofs.Reading;

namespace Erofs.Tests.Dumping;

/// <summary>
/// The inode view of dump.erofs (--path/--nid, --ls, -e) and its quirks, as erofs-utils 1.9.3
/// prints them for the corpus images (the expected lines are its output).
/// </summary>
public sealed class ErofsUtilsTextWriterTests
{
    private static string Inode(ErofsImage image, string path, bool ls = false, bool extents = false) =>
        Render(w => w.WriteInode(image, image.ResolvePath(path)!, ls, extents));

    private static string Render(Action<ErofsUtilsTextWriter> write)
    {
        using var output = new MemoryStream();
        write(new ErofsUtilsTextWriter(output, TimeZoneInfo.Utc));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void AHardLinkShowsTheFirstNameFoundWhicheverWasAskedFor()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        Assert.Equal(
            "Path : /hard/a\n" +
            "Size: 5000  On-disk size: 5000  regular file\n" +
            "NID: 29654   Links: 3   Layout: 2   Compression ratio: 100.00%\n" +
            "Inode size: 32   Xattr size: 0\n" +
            "Uid: 0   Gid: 0  Access: 0644/rw-r--r--\n" +
            "Timestamp: 2023-11-14 22:13:20.000000000\n",
            Inode(image, "/hard/c"));
    }

    [Fact]
    public void ListingShowsEveryStoredEntryWithItsRawType()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        string text = Inode(image, "/hard", ls: true);
        Assert.EndsWith(
            "\n\n       NID TYPE  FILENAME\n" +
            "        68    2  .\n" +
            "        38    2  ..\n" +
            "     29654    1  a\n" +
            "     29654    1  b\n" +
            "     29654    1  c\n",
            text);
    }

    [Fact]
    public void ListingANonDirectoryFailsAfterTheHeading()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        using var output = new MemoryStream();
        var writer = new ErofsUtilsTextWriter(output, TimeZoneInfo.Utc);
        Assert.Throws<IOException>(() => writer.WriteInode(image, image.ResolvePath("/hard/a")!, listDirectory: true));
        Assert.EndsWith("\n       NID TYPE  FILENAME\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void AnInlineFileIsOneExtentInTheMetadata()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        Assert.EndsWith(
            "\n\n Ext:   logical offset   |  length :     physical offset    |  length\n" +
            "   0:        0..    1000 |    1000 :    1744928..   1745928 |    1000\n" +
            "/sizes/rand_1000: 1 extents found\n",
            Inode(image, "/sizes/rand_1000", extents: true));
    }

    [Fact]
    public void AFlatPlainFileRunsToTheEndOfItsLastBlock()
    {
        using var image = DumpCorpus.Open("noinline.erofs");
        Assert.EndsWith("   0:        0..    4096 |    4096 :    1212416..   1216512 |    4096\n/sizes/rand_1000: 1 extents found\n",
            Inode(image, "/sizes/rand_1000", extents: true));
    }

    [Fact]
    public void AnUnmappedBlockMapChunkShowsTheNullBlocksAddress()
    {
        using var image = DumpCorpus.Open("chunked.erofs");
        string text = Inode(image, "/big/zeros_1m", extents: true);
        Assert.Contains("\n  11:    90112..   98304 |    8192 : 17592186040320..17592186048512 |    8192\n", text);
        Assert.EndsWith("\n  12:    98304..  102400 |    4096 :     811008..    815104 |    4096\n/big/zeros_1m: 13 extents found\n", text);
    }

    [Fact]
    public void AnUnmappedChunkIndexRepeatsThePreviousAddress()
    {
        using var image = DumpCorpus.Open("chunked-indexes.erofs");
        string text = Inode(image, "/big/zeros_1m", extents: true);
        Assert.Contains(
            "   0:        0..    4096 |    4096 :          0..      4096 |    4096\n" +
            "   1:     4096..    8192 |    4096 :          0..      4096 |    4096\n",
            text);
    }

    [Fact]
    public void AChunkOnAnExtraDeviceNamesIt()
    {
        using var image = ErofsImage.Open(DumpCorpus.PathOf("tar-index.erofs"), new ReadOptions { DevicePaths = [DumpCorpus.PathOf("tar-index.blob")] });
        Assert.EndsWith(
            "   0:        0..  102400 |  102400 :     828928..    931328 |  102400  # device 1\n/big/zeros_1m: 1 extents found\n",
            Inode(image, "/big/zeros_1m", extents: true));
    }

    [Fact]
    public void AFragmentShowsNoPhysicalRange()
    {
        using var image = DumpCorpus.Open("lz4-fragments.erofs");
        Assert.EndsWith(
            "  13:   105110..  160000 |   54890 :          0..         0 |       0\n/big/mixed: 14 extents found\n",
            Inode(image, "/big/mixed", extents: true));
    }

    [Fact]
    public void ThePackedInodeHasNoPath()
    {
        using var image = DumpCorpus.Open("lz4-fragments.erofs");
        string text = Render(w => w.WriteInode(image, image.GetInode(image.Superblock.PackedNid)));
        Assert.StartsWith("Path : (not found)\n", text);
        Assert.Null(ErofsUtilsPathName.Find(image, image.Superblock.PackedNid));
    }

    [Fact]
    public void AnEmptyFileHasANanRatioAndPermissionsLoseTheirSpecialBits()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        Assert.Contains("NID: 32637   Links: 1   Layout: 0   Compression ratio: -nan%\n", Inode(image, "/sizes/rand_0"));
        // /meta/setuid is 04755: only the rwx bits are shown.
        Assert.Contains("Access: 0755/rwxr-xr-x\n", Inode(image, "/meta/setuid"));
    }

    [Fact]
    public void PathsAreTheStoredNamesFromTheRoot()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        var deep = image.ResolvePath("/names/space name")!;
        Assert.Equal("/names/space name"u8.ToArray(), ErofsUtilsPathName.Find(image, deep.Nid));
        Assert.Equal("/"u8.ToArray(), ErofsUtilsPathName.Find(image, image.Root.Nid));
    }

    [Fact]
    public void TheSuperblockEndsWithTheKernelItNeeds()
    {
        using var image = DumpCorpus.Open("plain.erofs");
        string text = Render(w => w.WriteSuperblock(SuperblockReport.Create(image)));
        Assert.StartsWith("Filesystem magic number:                      0xE0F5E1E2\n", text);
        Assert.Contains("\nFilesystem created:                           Tue Nov 14 22:13:20 2023\n", text);
        // Feature names each end in a space; no incompatible feature means no kernel line.
        Assert.Contains("\nFilesystem compatible features:               sb_csum mtime xattr_filter \n", text);
        Assert.EndsWith("\nFilesystem UUID:                              5eed0000-0000-4000-8000-000000000001\n", text);
    }
}
