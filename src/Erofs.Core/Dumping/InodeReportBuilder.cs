using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Gathers the parts of an <see cref="InodeReport"/>, each read on its own so one bad part does not hide the rest.</summary>
internal static class InodeReportBuilder
{
    private const string CompressedNote = "compressed layout: extents are not decoded";

    public static InodeReport Build(ErofsImage image, InodeInfo inode, string? path, InodeReportOptions options)
    {
        var problems = new List<string>();
        var (extents, truncated, note) = ReadExtents(image, inode, options, problems);
        bool isDevice = inode.Kind is FileKind.CharacterDevice or FileKind.BlockDevice;
        return new InodeReport
        {
            Nid = inode.Nid,
            Path = path,
            Kind = inode.Kind,
            Mode = inode.Mode,
            Uid = inode.Uid,
            Gid = inode.Gid,
            Nlink = inode.Nlink,
            Size = inode.Size,
            MtimeSeconds = inode.MtimeSeconds,
            MtimeNanoseconds = inode.MtimeNanoseconds,
            Layout = inode.Layout,
            IsExtended = inode.IsExtended,
            Location = inode.Location,
            Ino = inode.Ino,
            XattrSize = inode.XattrSize,
            Xattrs = Attempt(() => ReadXattrs(image, inode), problems, "xattrs") ?? [],
            Extents = extents,
            ExtentsTruncated = truncated,
            ExtentsNote = note,
            ChunkSize = ChunkSize(image, inode),
            EntryCount = inode.Kind == FileKind.Directory ? CountEntries(image, inode, problems) : null,
            SymlinkTarget = inode.Kind == FileKind.Symlink ? ReadTarget(image, inode, problems) : null,
            DeviceMajor = isDevice ? inode.RdevMajor : null,
            DeviceMinor = isDevice ? inode.RdevMinor : null,
            Fingerprint = Attempt(() => image.GetFingerprint(inode) is { } f ? DumpFormat.FingerprintText(f) : null, problems, "fingerprint"),
            Problems = problems,
        };
    }

    private static List<XattrReport> ReadXattrs(ErofsImage image, InodeInfo inode) =>
        image.ListXattrs(inode).Select(x => new XattrReport(x.Name, x.Value, x.IsHidden, x.IsShared)).ToList();

    private static (List<Extent>? Extents, bool Truncated, string? Note) ReadExtents(
        ErofsImage image, InodeInfo inode, InodeReportOptions options, List<string> problems)
    {
        if (!options.IncludeExtents)
            return (null, false, null);
        // The reader cannot map compressed data; reporting that beats throwing.
        if (inode.IsCompressed)
            return (null, false, CompressedNote);
        var extents = new List<Extent>();
        try
        {
            foreach (var extent in image.GetExtents(inode))
            {
                if (extents.Count >= options.MaxExtents)
                    return (extents, true, $"only the first {options.MaxExtents} extents are listed");
                extents.Add(extent);
            }
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            problems.Add($"extents: {e.Message}");
        }
        return (extents, false, null);
    }

    private static long? ChunkSize(ErofsImage image, InodeInfo inode)
    {
        if (inode.Layout != InodeLayout.ChunkBased)
            return null;
        int bits = image.Superblock.BlockSizeBits + (int)(inode.RawU & ChunkFormat.BlockBitsMask);
        return bits <= 62 ? 1L << bits : null;
    }

    private static long? CountEntries(ErofsImage image, InodeInfo inode, List<string> problems)
    {
        if (inode.IsCompressed)
        {
            problems.Add("entries: compressed directory, not read");
            return null;
        }
        return Attempt<long?>(() => image.ReadDirectory(inode).LongCount(e => !e.IsDotOrDotDot), problems, "entries");
    }

    private static string? ReadTarget(ErofsImage image, InodeInfo inode, List<string> problems)
    {
        if (inode.IsCompressed)
        {
            problems.Add("symlink target: compressed, not read");
            return null;
        }
        return Attempt(() => image.ReadLink(inode), problems, "symlink target");
    }

    private static T? Attempt<T>(Func<T?> read, List<string> problems, string what)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            problems.Add($"{what}: {e.Message}");
            return default;
        }
    }

    private static bool IsContentProblem(Exception e) => e is ErofsContentException or NotSupportedException or IOException;
}
