using System.Text;
using Erofs.Building;
using Erofs.Building.Tar;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Tests.Building;
using Erofs.Tests.Building.Tar;

namespace Erofs.Tests.Corruption.Regression;

/// <summary>
/// The named regression inputs of tests/Erofs.Tests/Data/Hostile: each made from a small builder (or
/// mkfs.erofs 1.5) image or a hand-made tar by patching a few bytes, located by decoding the
/// pristine image with the library. <see cref="RegressionImageTests"/> regenerates them.
/// </summary>
internal static class HostileRecipes
{
    private const string Content = nameof(ErofsContentException);
    private const string NidAndOffset = @"\(nid \d+, offset \d+\)";

    public static readonly HostileCase[] All =
    [
        new("directory-loop.erofs", "/sub/deeper's dirent points at the root, an ancestor", Provoke.Fsck, "/",
            typeof(ErofsContentException), "reachable twice (loop or hard-linked directory)", @"^/sub/deeper: .*\(nid \d+\)", DirectoryLoop),
        new("hardlinked-directory.erofs", "/random's dirent points at the directory /sub (two dirents, one directory)", Provoke.Fsck, "/",
            typeof(ErofsContentException), "reachable twice (loop or hard-linked directory)", @"^/sub: .*\(nid \d+\)", HardLinkedDirectory),
        new("size-2pow63.erofs", "extended inode of /text with i_size 2^63", Provoke.Resolve, "/text",
            typeof(ErofsContentException), "size 9223372036854775808 is too large", NidAndOffset, () => TextSize(1UL << 63)),
        new("size-2pow63-minus-1.erofs", "extended inode of /text with i_size 2^63-1 (a flat file with a tail)", Provoke.Read, "/text",
            typeof(ErofsContentException), "lies outside device 0", NidAndOffset, () => TextSize(long.MaxValue)),
        new("xattr-shared-count-past-area.erofs", "/f0's h_shared_count is 255, far past its xattr area", Provoke.Xattrs, "/f0",
            typeof(ErofsContentException), "255 shared xattr ids do not fit", NidAndOffset, SharedCountPastArea),
        new("xattr-icount-past-image.erofs", "/f0's i_xattr_icount is 65535 (a 256 KiB area in a 4 KiB image)", Provoke.Xattrs, "/f0",
            typeof(ErofsContentException), "lies outside the image", NidAndOffset, XattrIcountPastImage),
        new("xattr-prefix-index-past-table.erofs", "an xattr of /f0 names long prefix 127; the table has 1", Provoke.Xattrs, "/f0",
            typeof(ErofsContentException), "long prefix index 127 is beyond the 1 prefixes", @"\(nid \d+\)", PrefixIndexPastTable),
        new("chunk-outside-image.erofs", "chunk 1 of /text (chunk indexes) starts at block 0xFFFFFF", Provoke.Read, "/text",
            typeof(ErofsContentException), "lies outside device 0", NidAndOffset, ChunkOutsideImage),
        new("extent-outside-image.erofs", "the flat (plain) file /text starts at block 0xFFFFFFF0", Provoke.Read, "/text",
            typeof(ErofsContentException), "lies outside device 0", NidAndOffset, ExtentOutsideImage),
        new("chunk-overlaps-superblock.erofs", "chunk 0 of /text (block map) is block 0, the superblock's: chunks may share blocks (dedupe), so this reads", Provoke.ReadSucceeds, "/text",
            typeof(void), "", "", ChunkOverlapsSuperblock),
        new("compressed-expands-past-extent.erofs", "mkfs.erofs 1.5 lz4hc: /text's i_size is 200 bytes smaller than its pcluster decodes to", Provoke.Read, "/text",
            typeof(ErofsContentException), "LZ4 data is corrupt", NidAndOffset, () => CompressedTextSize(-200)),
        new("compressed-lying-length.erofs", "mkfs.erofs 1.5 lz4hc: /text's i_size and its end-of-file HEAD claim 92 bytes more than its one pcluster decodes to", Provoke.Read, "/text",
            typeof(ErofsContentException), "the stream ended after 9000 of the 9092 expected bytes", NidAndOffset, CompressedLyingLength),
        new("unterminated-name.erofs", "the last name of /big's first directory block runs to the block end (no NUL)", Provoke.Fsck, "/",
            typeof(ErofsContentException), "(max 255)", @"^/big: .*" + NidAndOffset, UnterminatedName),
        new("name-with-slash.erofs", "the root entry 'hello' renamed 'he/lo'", Provoke.Fsck, "/",
            typeof(ErofsContentException), "containing NUL or '/'", @"^/: .*" + NidAndOffset, NameWithSlash),
        new("pax-gigabyte-record.tar", "a PAX record whose length field claims 9999999999 bytes", Provoke.Tar, "",
            typeof(InvalidSourceException), "PAX record length 9999999999 is impossible", @"at offset \d+", PaxGigabyteRecord),
        new("pax-header-gigabytes.tar", "a PAX extended header whose size field claims 4 GiB", Provoke.Tar, "",
            typeof(InvalidSourceException), "PAX extended header of 4294967296 bytes is larger than the 1048576 accepted", @"at offset 0", PaxHeaderGigabytes),
        new("huge-size-field.tar", "a regular file whose size field is 8 GiB - 1 in a 2 KiB archive", Provoke.Tar, "",
            typeof(InvalidSourceException), "8589934591 bytes of data run past the end of the archive", @"header at offset 0", HugeSizeField),
    ];

    private static HostileImage Base(string variant) => HostileImage.FromBytes(variant, BuilderImages.Make(variant));

    // Patches reach the reader only when the superblock CRC (which covers the first block) still holds.
    private static byte[] Done(HostileImage image)
    {
        if ((image.Superblock.FeatureCompat & FeatureCompat.SuperblockChecksum) != 0)
            image.FixChecksum();
        return image.Bytes;
    }

    private static byte[] DirectoryLoop()
    {
        var image = Base("inline");
        var deeper = image.Dirents("/sub").Single(d => d.Name == "deeper");
        image.WriteU64(deeper.DirentOffset + Dirent.Offsets.Nid, image.Inode("/").Nid);
        return Done(image);
    }

    private static byte[] HardLinkedDirectory()
    {
        var image = Base("inline");
        var random = image.Dirents("/").Single(d => d.Name == "random");
        image.WriteU64(random.DirentOffset + Dirent.Offsets.Nid, image.Inode("/sub").Nid);
        image.WriteU8(random.DirentOffset + Dirent.Offsets.FileType, 2); // EROFS_FT_DIR
        return Done(image);
    }

    private static byte[] TextSize(ulong size)
    {
        var image = HostileImage.FromBytes("extended", Build(BuilderImages.Tree(), new BuildOptions { Timestamp = 1_700_000_000, Uuid = new byte[16], Threads = 1, InodeForm = InodeFormPolicy.ForceExtended }));
        var text = image.Inode("/text");
        Assert.True(text.IsExtended);
        image.WriteU64(text.Location + InodeFields.Extended.Size, size);
        return Done(image);
    }

    private static byte[] SharedCountPastArea()
    {
        var image = Base("xattrs");
        image.WriteU8(XattrLayoutProbe.Of(image, "/f0").SharedCountOffset, 255);
        return Done(image);
    }

    private static byte[] XattrIcountPastImage()
    {
        var image = Base("xattrs");
        var f0 = image.Inode("/f0");
        image.WriteU16(f0.Location + InodeFields.Compact.XattrCount, ushort.MaxValue);
        return Done(image);
    }

    private static byte[] PrefixIndexPastTable()
    {
        var image = Base("xattrs");
        var entry = XattrLayoutProbe.Of(image, "/f0").InlineEntries.First(e => (e.NameIndex & XattrLayout.LongPrefixFlag) != 0);
        image.WriteU8(entry.Offset + 1, XattrLayout.LongPrefixFlag | 0x7F);
        return Done(image);
    }

    private static byte[] ChunkOutsideImage()
    {
        var image = Base("chunked-indexes");
        long table = ChunkTable(image, "/text", ChunkFormat.IndexEntrySize);
        image.WriteU32(table + ChunkFormat.IndexEntrySize + ChunkFormat.IndexStartBlockLo, 0x00FF_FFFF);
        return Done(image);
    }

    private static byte[] ChunkOverlapsSuperblock()
    {
        var image = Base("chunked");
        image.WriteU32(ChunkTable(image, "/text", ChunkFormat.BlockMapEntrySize), 0);
        return Done(image);
    }

    private static long ChunkTable(HostileImage image, string path, int unit)
    {
        var inode = image.Inode(path);
        Assert.Equal(InodeLayout.ChunkBased, inode.Layout);
        return ChunkMapper.AlignUp(inode.Location + inode.InodeSize + inode.XattrSize, unit);
    }

    private static byte[] ExtentOutsideImage()
    {
        var image = Base("plain");
        var text = image.Inode("/text");
        Assert.Equal(InodeLayout.FlatPlain, text.Layout);
        image.WriteU32(text.Location + InodeFields.Compact.U, 0xFFFF_FFF0);
        return Done(image);
    }

    private static byte[] CompressedTextSize(int delta)
    {
        var image = Base("mkfs15-lz4hc");
        var text = image.Inode("/text");
        Assert.True(text.IsCompressed && !text.IsExtended);
        image.WriteU32(text.Location + InodeFields.Compact.Size, (uint)((long)text.Size + delta));
        return Done(image);
    }

    // /text is one 9000-byte extent, ended by a PLAIN HEAD at cluster offset 808 of lcluster 2 (compact
    // 4-byte packs: a 16-bit entry = 12-bit cluster offset + 2-bit type). Move that HEAD to 900 and
    // grow i_size to 9300: the first extent now claims 9092 decoded bytes.
    private static byte[] CompressedLyingLength()
    {
        var image = Base("mkfs15-lz4hc");
        var text = image.Inode("/text");
        Assert.Equal((InodeLayout.CompressedCompact, 9000UL), (text.Layout, text.Size));
        long indexStart = ChunkMapper.AlignUp(text.Location + text.InodeSize + text.XattrSize, 8) + ZMapHeader.Size;
        long entry = indexStart + 2 * 4;
        long pack = entry - entry % 8;
        long at = pack + (entry - pack) / 4 * 2;
        ushort value = image.ReadU16(at);
        Assert.Equal(808, value & 0xFFF);
        image.WriteU16(at, (ushort)((value & ~0xFFF) | 900));
        image.WriteU32(text.Location + InodeFields.Compact.Size, 9300);
        return Done(image);
    }

    private static byte[] UnterminatedName()
    {
        // 240-byte names: block 0 of /big holds 16 entries and 37 bytes of padding, so its last
        // name, run on to the block end, is 277 bytes long.
        var root = Erofs.Building.Source.SourceNode.NewDirectory();
        var big = root.Add("big", Erofs.Building.Source.SourceNode.NewDirectory());
        for (int i = 0; i < 20; i++)
            big.Add($"{i:D3}" + new string('n', 237), SourceTrees.File(BuilderImages.Text(i)));
        var image = HostileImage.FromBytes("big-directory", Build(root, new BuildOptions { Timestamp = 1_700_000_000, Uuid = new byte[16], Threads = 1 }));
        var dirents = image.Dirents("/big");
        var last = dirents.Last(d => d.BlockOffset == dirents[0].BlockOffset);
        long nameEnd = last.NameOffset + last.Entry.NameBytes.Length;
        long blockEnd = last.BlockOffset + 4096;
        Assert.True(blockEnd - nameEnd + last.Entry.NameBytes.Length > 255, $"block 0 of /big has too little padding (name ends at {nameEnd}, block at {last.BlockOffset})");
        image.Bytes.AsSpan((int)nameEnd, (int)(blockEnd - nameEnd)).Fill((byte)'z');
        return Done(image);
    }

    private static byte[] NameWithSlash()
    {
        var image = Base("inline");
        var hello = image.Dirents("/").Single(d => d.Name == "hello");
        image.WriteU8(hello.NameOffset + 2, (byte)'/');
        return Done(image);
    }

    private static byte[] PaxGigabyteRecord() => new TarBytes()
        .Entry("././@PaxHeader", 'x', Encoding.ASCII.GetBytes("9999999999 path=x\n"))
        .Entry("file", '0', "data"u8.ToArray())
        .Build();

    private static byte[] PaxHeaderGigabytes() => new TarBytes()
        .Entry("././@PaxHeader", 'x', [], size: 4L << 30)
        .Build();

    private static byte[] HugeSizeField() => new TarBytes()
        .Entry("file", '0', [], size: 0x1_FFFF_FFFF)
        .Build();

    private static byte[] Build(Erofs.Building.Source.SourceNode root, BuildOptions options)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"erofs-recipe-{Guid.NewGuid():N}.erofs");
        try
        {
            ImageBuilder.Build(root, path, options);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
