using System.Text;
using Erofs.Extracting;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Hostile directory contents aimed at the extractor: a symlink and a directory that end up at the
/// same path must not let the directory's children be written through the symlink, outside the target.
/// </summary>
public sealed class ExtractorHostileNameTests
{
    // Resolved from out/src/<entry>: out/src/../../outside = <scratch>/outside, beside the target.
    private const string Escape = "../../outside";

    [Fact]
    public void NamesThatDecodeToTheSameStringDoNotLetExtractionEscapeTheTarget()
    {
        // 0xFE 'k' 'g' '8' and 0xFF 'k' 'g' '8' are different, correctly sorted names (fsck finds
        // nothing wrong), but both decode to "\uFFFDkg8": the second one must not reuse the first.
        var image = SymlinkThenDirectory([0xFE, (byte)'k', (byte)'g', (byte)'8'], [0xFF, (byte)'k', (byte)'g', (byte)'8']);
        AssertNothingEscapes(image);
    }

    [Fact]
    public void DuplicateNamesDoNotLetExtractionEscapeTheTarget()
    {
        var image = SymlinkThenDirectory("pkg8"u8.ToArray(), "pkg8"u8.ToArray());
        AssertNothingEscapes(image);
    }

    // /src's last two entries (pkg8, pkg9: both directories) become: a symlink to Escape named
    // `first`, then the pkg9 directory named `second`.
    private static HostileImage SymlinkThenDirectory(byte[] first, byte[] second)
    {
        var image = HostileImage.Load("plain");
        var entries = image.Dirents("/src");
        var (symlinkEntry, directoryEntry) = (entries[^2], entries[^1]);
        Assert.Equal(("pkg8", "pkg9"), (symlinkEntry.Name, directoryEntry.Name));
        var link = image.Inode("/abs_link");
        RetargetSymlink(image, link, Escape);
        image.WriteU64(symlinkEntry.DirentOffset + Dirent.Offsets.Nid, link.Nid);
        image.WriteU8(symlinkEntry.DirentOffset + Dirent.Offsets.FileType, 7);
        first.CopyTo(image.Bytes, symlinkEntry.NameOffset);
        second.CopyTo(image.Bytes, directoryEntry.NameOffset);
        return image;
    }

    private static void RetargetSymlink(HostileImage image, InodeInfo link, string target)
    {
        using (var opened = image.Open())
        {
            var tail = opened.GetExtents(link).Single(e => e.Kind == ExtentKind.Inline);
            Encoding.ASCII.GetBytes(target).CopyTo(image.Bytes, tail.PhysicalOffset);
        }
        image.WriteU32(link.Location + InodeFields.Compact.Size, (uint)target.Length);
    }

    private static void AssertNothingEscapes(HostileImage image)
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch["outside"]);
        Extract(image, scratch["out"]);
        var escaped = Directory.EnumerateFileSystemEntries(scratch["outside"]).Select(Path.GetFileName).ToList();
        Assert.True(escaped.Count == 0, $"extraction wrote outside its target directory: {string.Join(", ", escaped)}");
    }

    private static ExtractResult Extract(HostileImage image, string target) => Bounded.Run(() =>
    {
        using var opened = image.Open();
        return new Extractor(opened).ExtractTo(target);
    }, "extraction");
}
