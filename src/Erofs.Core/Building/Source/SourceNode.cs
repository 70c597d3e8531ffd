using Erofs.Reading;

namespace Erofs.Building.Source;

/// <summary>
/// One file of a source tree as the builder sees it: what a directory scan or a tar stream said
/// about it. Hard links are one node reached through several <see cref="SourceEntry"/> values.
/// </summary>
public sealed class SourceNode
{
    /// <summary>Full st_mode: S_IFMT type bits plus the 12 permission bits.</summary>
    public required uint Mode { get; set; }
    /// <summary>Owner.</summary>
    public uint Uid { get; set; }
    /// <summary>Group.</summary>
    public uint Gid { get; set; }
    /// <summary>Modification time, seconds since the Unix epoch (may be negative).</summary>
    public long MtimeSeconds { get; set; }
    /// <summary>Nanosecond part of the modification time (0..999,999,999).</summary>
    public uint MtimeNanoseconds { get; set; }
    /// <summary>Device major number (character and block devices).</summary>
    public uint RdevMajor { get; set; }
    /// <summary>Device minor number (character and block devices).</summary>
    public uint RdevMinor { get; set; }
    /// <summary>Symlink target bytes, exactly as stored (no NUL).</summary>
    public byte[]? LinkTarget { get; set; }
    /// <summary>Content of a regular file (null for other kinds and for empty files).</summary>
    public IFileContent? Content { get; set; }
    /// <summary>Extended attributes, in any order (the builder sorts them).</summary>
    public List<SourceXattr> Xattrs { get; } = [];
    /// <summary>Children of a directory, in any order (the builder sorts them by name bytes).</summary>
    public List<SourceEntry> Children { get; } = [];

    /// <summary>The file type, from <see cref="Mode"/>.</summary>
    public FileKind Kind => FileModes.KindOf((int)Mode);
    /// <summary>Logical size: content length for regular files, target length for symlinks, else 0.</summary>
    public ulong Size => Kind switch
    {
        FileKind.Regular => (ulong)(Content?.Length ?? 0),
        FileKind.Symlink => (ulong)(LinkTarget?.Length ?? 0),
        _ => 0,
    };

    /// <summary>Creates a directory node with the given permission bits.</summary>
    public static SourceNode NewDirectory(uint permissions = 0x1ED) => new() { Mode = 0x4000 | permissions };

    /// <summary>Finds a child by exact name bytes, or null.</summary>
    public SourceEntry? FindChild(ReadOnlySpan<byte> name)
    {
        foreach (var e in Children)
            if (name.SequenceEqual(e.Name))
                return e;
        return null;
    }
}
