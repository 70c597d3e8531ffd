using System.Globalization;
using System.Text;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// What one path of a file tree looks like: one line of a corpus <c>NAME.manifest.jsonl</c>, or one
/// entry captured from a real directory by <see cref="TreeSnapshot"/>. Paths are absolute within the
/// tree: <c>/</c> is the root, children are <c>/a/b</c>.
/// </summary>
public sealed record ManifestEntry
{
    /// <summary>Path within the tree; <c>/</c> is the root.</summary>
    public required string Path { get; init; }

    /// <summary>Full <c>st_mode</c>, type bits included (manifest: octal string such as <c>0o100644</c>).</summary>
    public required uint Mode { get; init; }

    /// <summary>Owner user id.</summary>
    public required uint Uid { get; init; }

    /// <summary>Owner group id.</summary>
    public required uint Gid { get; init; }

    /// <summary>Hard link count.</summary>
    public required uint Nlink { get; init; }

    /// <summary>Modification time in nanoseconds since the Unix epoch.</summary>
    public required long MtimeNs { get; init; }

    /// <summary>Size in bytes; regular files only.</summary>
    public long? Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content; regular files only.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Symlink target; symlinks only.</summary>
    public string? Target { get; init; }

    /// <summary>Device number; character and block devices only.</summary>
    public DeviceNumber? Rdev { get; init; }

    /// <summary>Extended attributes as <c>listxattr</c> returns them, name to raw value.</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs { get; init; } = EmptyXattrs;

    /// <summary>
    /// Inode number on the captured file system (<see cref="TreeSnapshot"/> only; manifests have none).
    /// <see cref="TreeComparer"/> uses it to check that hard links group the same paths.
    /// </summary>
    public ulong? Inode { get; init; }

    /// <summary>The file type from <see cref="Mode"/>.</summary>
    public FileType Type => FileTypes.FromMode(Mode);

    /// <summary>Permission bits of <see cref="Mode"/> (07777).</summary>
    public uint Permissions => Mode & FileTypes.PermissionMask;

    /// <summary>An empty, shared xattr map.</summary>
    public static IReadOnlyDictionary<string, byte[]> EmptyXattrs { get; } = new Dictionary<string, byte[]>();

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Path} {FileTypes.FormatMode(Mode)} {Uid}:{Gid} nlink={Nlink} mtime_ns={MtimeNs}");
        if (Size is { } size)
        {
            sb.Append(CultureInfo.InvariantCulture, $" size={size}");
        }

        if (Sha256 != null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" sha256={Sha256}");
        }

        if (Target != null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" target={(Target.Length > 60 ? Target[..60] + "..." : Target)}");
        }

        if (Rdev is { } rdev)
        {
            sb.Append(CultureInfo.InvariantCulture, $" rdev={rdev}");
        }

        if (Xattrs.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" xattrs=[{string.Join(',', Xattrs.Keys.Order(StringComparer.Ordinal))}]");
        }

        return sb.ToString();
    }
}
