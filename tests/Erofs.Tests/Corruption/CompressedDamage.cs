using Erofs.Checking;
using Erofs.Extracting;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// One damaged compressed file in a corpus image, and the assertions every targeted test makes:
/// reading it fails with the expected exception naming its nid; the whole walk gives only allowed
/// exceptions; fsck reports it; extraction removes it and goes on with the rest.
/// </summary>
internal sealed class CompressedDamage
{
    private CompressedDamage(HostileImage image, string path, InodeInfo inode)
    {
        Image = image;
        Path = path;
        Inode = inode;
        Layout = new CompressedIndexLayout(image, inode);
    }

    public HostileImage Image { get; }
    public string Path { get; }
    public InodeInfo Inode { get; }
    public CompressedIndexLayout Layout { get; }
    public ulong Nid => Inode.Nid;

    /// <summary>Loads image <paramref name="name"/> and decodes (before any patch) the compressed inode at <paramref name="path"/>.</summary>
    public static CompressedDamage Of(string name, string path)
    {
        var image = HostileImage.Load(name);
        return new CompressedDamage(image, path, image.Inode(path));
    }

    /// <summary>
    /// Reading the file from <paramref name="offset"/> to its end in one call fails with a content error
    /// that contains <paramref name="reason"/> and names its nid (or <paramref name="nid"/>, the inode really at fault).
    /// </summary>
    public ErofsContentException ReadFails(string reason = "", long offset = 0, ulong? nid = null)
    {
        var e = Assert.Throws<ErofsContentException>(() => Bounded.Run(() => ReadToEnd(offset), $"read of {Path}"));
        Assert.Equal(nid ?? Nid, e.Nid);
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Expect.Located(e);
        return e;
    }

    /// <summary>Reading the whole file fails with NotSupportedException whose message names the nid.</summary>
    public NotSupportedException ReadUnsupported(string text)
    {
        var e = Assert.Throws<NotSupportedException>(() => Bounded.Run(() => ReadToEnd(0), $"read of {Path}"));
        Assert.Contains(text, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Nid.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>
    /// The walk over every file gives only allowed (and located) exceptions; fsck (all data read) reports an issue at
    /// <paramref name="reportedNid"/> (default: this file's) containing <paramref name="fsckText"/>; extraction
    /// reports the file, leaves no partial copy of it, and extracts <paramref name="controlPath"/> intact.
    /// </summary>
    public void FsckAndExtractionHandleIt(string fsckText, string controlPath, ulong? reportedNid = null)
    {
        ulong nid = reportedNid ?? Nid;
        var walk = Bounded.Walk(Image, thorough: false);
        Assert.False(walk.Clean, $"the damage to {Path} in {Image.Name} went unnoticed by the reads");
        foreach (var e in walk.All.OfType<ErofsContentException>())
            Expect.Located(e);
        using var opened = Image.Open();
        var issues = Bounded.Run(() => new ImageChecker(opened, new CheckOptions { ReadAllData = true }).Check(), "fsck");
        Assert.True(issues.Any(i => i.Nid == nid && i.Path == Path && i.Message.Contains(fsckText, StringComparison.OrdinalIgnoreCase)),
            $"fsck did not report '{fsckText}' for {Path} at nid {nid}:\n{string.Join('\n', issues.Take(10))}");

        using var scratch = new ScratchDirectory();
        string target = scratch["out"];
        var result = Bounded.Run(() => new Extractor(opened).ExtractTo(target), "extract");
        Assert.Contains(result.Failures, f => f.Nid == nid && f.Path == target + Path);
        Assert.False(File.Exists(target + Path), $"extraction left {Path} behind");
        Assert.True(result.Entries > 1000, $"extraction stopped early: {result.Entries} entries");
        AssertExtractedIntact(target, controlPath);
    }

    private int ReadToEnd(long offset)
    {
        using var opened = Image.Open();
        var inode = opened.GetInode(Nid);
        return opened.Read(inode, offset, new byte[(int)inode.Size - offset]);
    }

    // The control entry is intact: same content (regular file) or same target (symlink) as in the pristine image.
    private void AssertExtractedIntact(string target, string path)
    {
        var pristine = HostileImage.Load(Image.Name);
        using var opened = pristine.Open();
        var inode = pristine.Inode(path);
        if (inode.Kind == FileKind.Symlink)
        {
            Assert.Equal(opened.ReadLink(inode), new FileInfo(target + path).LinkTarget);
            return;
        }
        var content = new byte[(int)inode.Size];
        Assert.Equal(content.Length, opened.Read(inode, 0, content));
        Assert.Equal(content, File.ReadAllBytes(target + path));
    }
}
