using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>One xattr of an inode.</summary>
/// <param name="Name">Full name, prefix included.</param>
/// <param name="Value">Raw value.</param>
/// <param name="IsHidden">True for names the kernel never lists (no namespace prefix).</param>
/// <param name="IsShared">True when stored in the shared xattr area.</param>
public sealed record XattrReport(string Name, byte[] Value, bool IsHidden, bool IsShared)
{
    /// <summary>The value as text when printable (see <see cref="DumpFormat.PrintableText"/>), else null.</summary>
    public string? Text => DumpFormat.PrintableText(Value);

    /// <summary>The value in base64.</summary>
    public string Base64 => Convert.ToBase64String(Value);
}

/// <summary>What to include in an <see cref="InodeReport"/>.</summary>
public sealed record InodeReportOptions
{
    /// <summary>The defaults: extents and xattrs included, path searched for <c>--nid</c>.</summary>
    public static InodeReportOptions Default { get; } = new();

    /// <summary>Map the file's data to extents (<c>dump.erofs -e</c>).</summary>
    public bool IncludeExtents { get; init; } = true;

    /// <summary>Most extents listed; a hostile chunk table could otherwise describe billions.</summary>
    public int MaxExtents { get; init; } = 65536;

    /// <summary>
    /// Most extents added into the <see cref="InodeReport.Compression"/> summary of a compressed
    /// inode (4 Mi: a 16 GiB file of 4 KiB pclusters); beyond it the summary is marked incomplete.
    /// </summary>
    public int MaxSummaryExtents { get; init; } = 1 << 22;

    /// <summary>When reporting by nid, walk the tree to find a path that leads to it.</summary>
    public bool FindPath { get; init; } = true;
}

/// <summary>One inode in detail (<c>dump.erofs --path</c> / <c>--nid</c>).</summary>
public sealed record InodeReport
{
    /// <summary>The nid (bit 63 set for inodes in the metabox).</summary>
    public required ulong Nid { get; init; }
    /// <summary>A path that leads to the inode, when known.</summary>
    public required string? Path { get; init; }
    /// <summary>The file type.</summary>
    public required FileKind Kind { get; init; }
    /// <summary>Full mode (type and permission bits).</summary>
    public required ushort Mode { get; init; }
    /// <summary>Owner user id.</summary>
    public required uint Uid { get; init; }
    /// <summary>Owner group id.</summary>
    public required uint Gid { get; init; }
    /// <summary>Hard link count.</summary>
    public required uint Nlink { get; init; }
    /// <summary>Size in bytes.</summary>
    public required ulong Size { get; init; }
    /// <summary>Modification time, seconds since the Unix epoch.</summary>
    public required long MtimeSeconds { get; init; }
    /// <summary>Nanoseconds of the modification time.</summary>
    public required uint MtimeNanoseconds { get; init; }
    /// <summary>The data layout.</summary>
    public required InodeLayout Layout { get; init; }
    /// <summary>True for the 64-byte extended inode form.</summary>
    public required bool IsExtended { get; init; }
    /// <summary>Byte position of the inode in its metadata space (the image, or the metabox content).</summary>
    public required long Location { get; init; }
    /// <summary>The 32-bit inode serial number stored on disk.</summary>
    public required uint Ino { get; init; }
    /// <summary>Size of the inline xattr area in bytes.</summary>
    public required int XattrSize { get; init; }
    /// <summary>The xattrs, shared first, in on-disk order.</summary>
    public required IReadOnlyList<XattrReport> Xattrs { get; init; }
    /// <summary>The data extents in logical order, or null when not asked for or not decodable.</summary>
    public required IReadOnlyList<Extent>? Extents { get; init; }
    /// <summary>True when more extents exist than <see cref="InodeReportOptions.MaxExtents"/>.</summary>
    public required bool ExtentsTruncated { get; init; }
    /// <summary>Why extents are missing or cut short, or null.</summary>
    public required string? ExtentsNote { get; init; }
    /// <summary>For compressed inodes: algorithms, pclusters, stored bytes and ratio (whether or not extents are listed); else null.</summary>
    public required CompressionSummary? Compression { get; init; }
    /// <summary>Chunk size in bytes for chunk-based inodes, else null.</summary>
    public required long? ChunkSize { get; init; }
    /// <summary>For directories: number of entries other than "." and "..".</summary>
    public required long? EntryCount { get; init; }
    /// <summary>For symlinks: the target.</summary>
    public required string? SymlinkTarget { get; init; }
    /// <summary>For character and block devices: the major number.</summary>
    public required uint? DeviceMajor { get; init; }
    /// <summary>For character and block devices: the minor number.</summary>
    public required uint? DeviceMinor { get; init; }
    /// <summary>The content fingerprint as text (<see cref="DumpFormat.FingerprintText"/>), or null.</summary>
    public required string? Fingerprint { get; init; }
    /// <summary>Parts that could not be read; the rest of the report is still valid.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Type token (<see cref="DumpFormat.KindToken"/>).</summary>
    public string KindName => DumpFormat.KindToken(Kind);
    /// <summary>Layout token (<see cref="DumpFormat.LayoutToken"/>).</summary>
    public string LayoutName => DumpFormat.LayoutToken(Layout);
    /// <summary>"compact" or "extended".</summary>
    public string Form => IsExtended ? "extended" : "compact";
    /// <summary>Size of the on-disk inode: 32 or 64 bytes.</summary>
    public int InodeSize => IsExtended ? InodeFields.ExtendedSize : InodeFields.CompactSize;
    /// <summary>True when the inode lives in the metabox.</summary>
    public bool InMetabox => (Nid >> 63) != 0;
    /// <summary>Whole mode in octal, six digits.</summary>
    public string ModeOctal => DumpFormat.ModeOctal(Mode);
    /// <summary>Permission bits in octal, four digits.</summary>
    public string PermissionsOctal => DumpFormat.PermissionsOctal(Mode);
    /// <summary>The mode as <c>ls -l</c> shows it.</summary>
    public string ModeString => DumpFormat.ModeString(Mode);
    /// <summary>Modification time as ISO-8601 UTC with nanoseconds.</summary>
    public string MtimeText => DumpFormat.UnixTime(MtimeSeconds, MtimeNanoseconds);

    /// <summary>Reports an inode already read; <paramref name="path"/> is shown as given.</summary>
    public static InodeReport Create(ErofsImage image, InodeInfo inode, string? path = null, InodeReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(inode);
        return InodeReportBuilder.Build(image, inode, path, options ?? InodeReportOptions.Default);
    }

    /// <summary>
    /// Reports the inode at an absolute path (symlinks not followed); null when no such path.
    /// Resolving reads the directories on the way: a corrupt one throws
    /// <see cref="ErofsContentException"/>, one using an unsupported feature <see cref="NotSupportedException"/>.
    /// </summary>
    public static InodeReport? ForPath(ErofsImage image, string path, InodeReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        var inode = image.ResolvePath(path);
        return inode is null ? null : Create(image, inode, NormalizePath(path), options);
    }

    /// <summary>Reports inode <paramref name="nid"/>; throws <see cref="ErofsContentException"/> when it is not a valid inode.</summary>
    public static InodeReport ForNid(ErofsImage image, ulong nid, InodeReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= InodeReportOptions.Default;
        var inode = image.GetInode(nid);
        return Create(image, inode, options.FindPath ? PathFinder.Find(image, nid) : null, options);
    }

    private static string NormalizePath(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
        return "/" + string.Join('/', parts);
    }
}
