using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Gathers the parts of an <see cref="InodeReport"/>, each read on its own so one bad part does not hide the rest.</summary>
internal static class InodeReportBuilder
{
    public static InodeReport Build(ErofsImage image, InodeInfo inode, string? path, InodeReportOptions options)
    {
        var problems = new List<string>();
        var data = ReadExtents(image, inode, options, problems);
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
            Extents = data.Extents,
            ExtentsTruncated = data.Truncated,
            ExtentsNote = data.Truncated ? $"only the first {options.MaxExtents} extents are listed" : null,
            Compression = data.Summary,
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

    private sealed record ExtentData(List<Extent>? Extents, bool Truncated, CompressionSummary? Summary);

    // One pass serves both the listing (-e) and the compression summary of a compressed inode;
    // it stops once neither wants more, after seeing one extent past a cap (so "more exist" is known).
    private static ExtentData ReadExtents(ErofsImage image, InodeInfo inode, InodeReportOptions options, List<string> problems)
    {
        var list = options.IncludeExtents ? new List<Extent>() : null;
        var tally = inode.IsCompressed ? new CompressionTally(image.Superblock.BlockSizeBits) : null;
        if (list is null && tally is null)
            return new ExtentData(null, false, null);
        bool truncated = false;
        long index = 0;
        try
        {
            foreach (var extent in image.GetExtents(inode))
            {
                if (list is not null && list.Count < options.MaxExtents)
                    list.Add(extent);
                else if (list is not null)
                    truncated = true;
                if (tally is not null && index < options.MaxSummaryExtents)
                    tally.AddFileExtent(extent, inode.Nid);
                else
                    tally?.MarkIncomplete();
                index++;
                if ((list is null || truncated) && (tally is null || index > options.MaxSummaryExtents))
                    break;
            }
        }
        catch (Exception e) when (IsContentProblem(e))
        {
            problems.Add($"extents: {e.Message}");
            tally?.MarkIncomplete();
        }
        return new ExtentData(list, truncated, tally?.Build(withPacked: false));
    }

    private static long? ChunkSize(ErofsImage image, InodeInfo inode)
    {
        if (inode.Layout != InodeLayout.ChunkBased)
            return null;
        int bits = image.Superblock.BlockSizeBits + (int)(inode.RawU & ChunkFormat.BlockBitsMask);
        return bits <= 62 ? 1L << bits : null;
    }

    private static long? CountEntries(ErofsImage image, InodeInfo inode, List<string> problems) =>
        Attempt<long?>(() => image.ReadDirectory(inode).LongCount(e => !e.IsDotOrDotDot), problems, "entries");

    private static string? ReadTarget(ErofsImage image, InodeInfo inode, List<string> problems) =>
        Attempt(() => image.ReadLink(inode), problems, "symlink target");

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
