using Erofs.Checking;
using Erofs.Extracting;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Corruption;

/// <summary>
/// An I/O error of the image file itself is not corruption: the very IOException escapes,
/// never wrapped as (or turned into) a content error.
/// </summary>
public sealed class IoErrorTests
{
    [Fact]
    public void ErrorReadingTheSuperblockEscapesFromOpen()
    {
        var source = Failing("plain", Superblock.Position, Superblock.Position + 1);
        var e = Assert.Throws<IOException>(() => ErofsImage.Open(source, HostileImage.NoChecksum));
        Assert.Same(source.Error, e);
    }

    [Fact]
    public void ErrorReadingTheRootInodeEscapesFromOpen()
    {
        var pristine = HostileImage.Load("plain");
        long root = pristine.Inode("/").Location;
        var source = Failing("plain", root, root + 1);
        Assert.Same(source.Error, Assert.Throws<IOException>(() => ErofsImage.Open(source, HostileImage.NoChecksum)));
    }

    [Fact]
    public void ErrorReadingAnInodeEscapesFromGetInode()
    {
        var inode = HostileImage.Load("plain").Inode("/sizes/text_1000");
        var source = Failing("plain", inode.Location, inode.Location + 1);
        using var image = ErofsImage.Open(source, HostileImage.NoChecksum);
        Assert.Same(source.Error, Assert.Throws<IOException>(() => image.GetInode(inode.Nid)));
    }

    [Fact]
    public void ErrorReadingFileDataEscapesFromRead()
    {
        var (source, image, file) = FailingDataOf("/sizes/text_65536");
        using (image)
            Assert.Same(source.Error, Assert.Throws<IOException>(() => image.Read(file, 0, new byte[file.Size])));
    }

    [Fact]
    public void ErrorReadingFileDataEscapesFromAStream()
    {
        var (source, image, file) = FailingDataOf("/sizes/text_65536");
        using (image)
        using (var stream = image.OpenRead(file))
            Assert.Same(source.Error, Assert.Throws<IOException>(() => stream.CopyTo(Stream.Null)));
    }

    [Fact]
    public void ErrorReadingADirectoryEscapesFromReadDirectory()
    {
        var (source, image, dir) = FailingDataOf("/src");
        using (image)
            Assert.Same(source.Error, Assert.Throws<IOException>(() => image.ReadDirectory(dir).ToList()));
    }

    [Fact]
    public void ErrorReadingFileDataEscapesFromFsckInsteadOfBecomingAnIssue()
    {
        var (source, image, _) = FailingDataOf("/sizes/text_65536");
        using (image)
        {
            var checker = new ImageChecker(image, new CheckOptions { ReadAllData = true });
            Assert.Same(source.Error, Assert.Throws<IOException>(() => checker.Check()));
        }
    }

    [Fact]
    public void ErrorReadingFileDataIsAnExtractionFailureWithTheIoMessage()
    {
        // The extractor reports per entry; the I/O error must stay what it is, not become a content error.
        var (source, image, file) = FailingDataOf("/sizes/text_65536");
        using var scratch = new ScratchDirectory();
        using (image)
        {
            var result = new Extractor(image).ExtractTo(scratch["out"]);
            var failure = Assert.Single(result.Failures);
            Assert.Equal(file.Nid, failure.Nid);
            Assert.Equal(source.Error.Message, failure.Message);
        }
        Assert.False(File.Exists(Path.Combine(scratch["out"], "sizes", "text_65536")), "a partial file was left behind");
    }

    [Fact]
    public void ErrorReadingAnExtraDeviceEscapesFromRead()
    {
        var image = HostileImage.Load("blobdev");
        var blob = new FailingBlockSource(image.Devices[0], 0, image.Devices[0].Length);
        using var opened = ErofsImage.Open(new MemoryBlockSource(image.Bytes), HostileImage.NoChecksum with { Devices = [blob] });
        var file = opened.ResolvePath("/sizes/text_65536")!;
        Assert.Same(blob.Error, Assert.Throws<IOException>(() => opened.Read(file, 0, new byte[file.Size])));
    }

    [Fact]
    public void ImageFileShrinkingWhileOpenGivesAnIoError()
    {
        // A real file cut behind the reader's back: pread returns 0 bytes, which is an I/O problem.
        using var scratch = new ScratchDirectory();
        string path = scratch["image.erofs"];
        File.WriteAllBytes(path, Corpus.Load("plain"));
        using var image = ErofsImage.Open(path);
        var file = image.ResolvePath("/sizes/text_65536")!;
        long dataStart = image.MapExtent(file, 0).PhysicalOffset;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.SetLength(dataStart);
        var e = Assert.ThrowsAny<IOException>(() => image.Read(file, 0, new byte[file.Size]));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static FailingBlockSource Failing(string name, long from, long to) => new(Corpus.Load(name), from, to);

    // The first byte of the target's data (device 0) fails; everything else reads.
    private static (FailingBlockSource Source, ErofsImage Image, InodeInfo Target) FailingDataOf(string path)
    {
        long at;
        using (var pristine = HostileImage.Load("plain").Open())
            at = pristine.MapExtent(pristine.ResolvePath(path)!, 0).PhysicalOffset;
        // Metadata is read a block at a time: an inline tail shares its block with inodes, so the
        // path is resolved before the bad sector appears, and with a fresh image.
        var source = Failing("plain", at, at + 1);
        source.Armed = false;
        InodeInfo target;
        using (var resolver = ErofsImage.Open(new MemoryBlockSource(Corpus.Load("plain")), HostileImage.NoChecksum))
            target = resolver.ResolvePath(path)!;
        var image = ErofsImage.Open(source, HostileImage.NoChecksum);
        source.Armed = true;
        return (source, image, target);
    }
}
