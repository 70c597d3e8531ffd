using System.Buffers.Binary;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>
/// fsck: walks every directory from the root (or from <see cref="CheckOptions.Start"/>) and checks each inode, dirent, xattr and extent.
/// Problems are collected, not thrown, so one bad file does not hide the rest.
/// </summary>
public sealed class ImageChecker(ErofsImage image, CheckOptions? options = null)
{
    private readonly CheckOptions _options = options ?? new CheckOptions();
    private readonly CompressionMeasure? _measure = options?.MeasureCompression == true ? new CompressionMeasure(image) : null;
    private readonly List<CheckIssue> _issues = [];
    private ContentCheckPool? _contents;
    private long _inodes;

    /// <summary>Number of distinct inodes checked by the last <see cref="Check"/>.</summary>
    public long InodesChecked => _inodes;

    /// <summary>With <see cref="CheckOptions.MeasureCompression"/>: the checked inodes' sizes, in blocks (each rounded up).</summary>
    public long LogicalBlocks => _measure?.LogicalBlocks ?? 0;

    /// <summary>With <see cref="CheckOptions.MeasureCompression"/>: the blocks their data occupies (packed inode included for a whole-image check).</summary>
    public long PhysicalBlocks => _measure?.PhysicalBlocks ?? 0;

    /// <summary>Runs the whole check and returns every issue found (empty means the image is sound).</summary>
    public IReadOnlyList<CheckIssue> Check()
    {
        using var contents = _options.ReadAllData || _options.VerifyFingerprints ? new ContentCheckPool(image, _options.VerifyFingerprints) : null;
        _contents = contents;
        // Every directory rule; depth and I/O errors end the check as they always have.
        var walker = new ImageWalker(image, new ImageWalkOptions { DirectoryChecks = DirectoryChecks.All, Start = _options.Start });
        foreach (var step in walker.Walk())
        {
            var entry = step.Entry;
            if (step.Kind == ImageWalkStepKind.Entry)
            {
                string path = entry.Path;
                Guard(path, entry.Nid, () => CheckEntry(walker, entry, path));
            }
            else if (step.Failure is { } failure)
            {
                Add(CheckIssue.Of(entry.Path, entry.Nid, failure));
            }
            if (Full)
                break;
        }
        if (_measure is not null && _options.Start is null)
            Guard("(packed inode)", image.Superblock.PackedNid, _measure.AddPackedInode);
        if (contents is not null)
        {
            foreach (var issue in contents.Complete())
                Add(issue);
        }
        // Workers finish in any order: sort so the report is the same on every run.
        return _issues.OrderBy(i => i.Path, StringComparer.Ordinal).ThenBy(i => i.Message, StringComparer.Ordinal).ToList();
    }

    private bool Full => _issues.Count >= _options.MaxIssues;

    // Directories are checked and counted once (a second path to one is an issue), other inodes once per nid.
    private void CheckEntry(ImageWalker walker, ImageWalkEntry entry, string path)
    {
        var inode = entry.Inode;
        if (entry.Dirent is { FileType: not 0 } dirent && dirent.Kind != inode.Kind)
            throw new ErofsContentException($"dirent says {dirent.Kind}, inode is {inode.Kind}", inode.Nid);
        if (inode.Kind == FileKind.Directory)
        {
            walker.ClaimDirectory(entry);
            CountInode(inode, path);
            walker.Descend(entry);
        }
        else if (walker.TryClaim(entry))
        {
            CountInode(inode, path);
        }
        else
        {
            // Another name of a file checked already: fsck.erofs -p counts its data again.
            _measure?.Add(inode);
        }
    }

    // Checks what every inode has: xattrs, and the data of files, directories and symlinks.
    private void CountInode(InodeInfo inode, string path)
    {
        _inodes++;
        _options.Progress?.Report(_inodes);
        Guard(path, inode.Nid, () => CheckXattrs(inode));
        Guard(path, inode.Nid, () => CheckData(inode, path));
    }

    private void CheckData(InodeInfo inode, string path)
    {
        _measure?.Add(inode);
        switch (inode.Kind)
        {
            case FileKind.Symlink:
                if (inode.Size == 0)
                    throw new ErofsContentException("symlink with an empty target", inode.Nid, inode.Location);
                image.ReadLinkBytes(inode);
                break;
            case FileKind.Regular or FileKind.Directory:
                CheckExtents(inode);
                if (inode.Kind == FileKind.Regular)
                    _contents?.Add(inode, path);
                break;
            default:
                if (inode.Size != 0)
                    throw new ErofsContentException($"special file has size {inode.Size}", inode.Nid, inode.Location);
                break;
        }
    }

    private void CheckExtents(InodeInfo inode)
    {
        foreach (var e in image.GetExtents(inode))
        {
            if (e.Kind is not (ExtentKind.Plain or ExtentKind.Compressed))
                continue;
            if (!image.IsInBounds(e, inode.Nid))
                throw new ErofsContentException($"extent at logical {e.LogicalOffset} (+{e.Length}) points outside device {e.Device}", inode.Nid, e.PhysicalOffset);
        }
    }

    private void CheckXattrs(InodeInfo inode)
    {
        var raw = image.Xattrs.ReadRaw(inode);
        foreach (var x in raw)
            image.Xattrs.NameOf(x, inode.Nid);
        var sb = image.Superblock;
        bool filterValid = (sb.FeatureCompat & FeatureCompat.XattrFilter) != 0 && sb.XattrFilterReserved == 0;
        if (!filterValid || inode.XattrSize == 0)
            return;
        uint filter = BinaryPrimitives.ReadUInt32LittleEndian(image.Xattrs.ReadArea(inode));
        foreach (var x in raw)
        {
            int bit = FilterBit(x);
            if ((filter & (1u << bit)) != 0)
                throw new ErofsContentException($"xattr name filter hides an existing xattr (bit {bit})", inode.Nid, inode.Location + inode.InodeSize);
        }
    }

    private int FilterBit(RawXattr x)
    {
        if ((x.NameIndex & XattrLayout.LongPrefixFlag) == 0)
            return XattrNameFilter.BitOf(x.Suffix, x.NameIndex);
        var prefix = image.LongPrefixes[x.NameIndex & ~XattrLayout.LongPrefixFlag];
        return XattrNameFilter.BitOf([.. prefix.Infix, .. x.Suffix], prefix.BaseIndex);
    }

    // Runs one check; a content or unsupported-feature error becomes an issue instead of ending the walk.
    private void Guard(string path, ulong nid, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (ImageWalkOptions.IsContentError(e))
        {
            Add(CheckIssue.Of(path, nid, e));
        }
    }

    private void Add(CheckIssue issue)
    {
        if (!Full)
            _issues.Add(issue);
    }
}
