namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>The properties <see cref="TreeComparer"/> checks; combine to ignore several.</summary>
[Flags]
public enum TreeProperties
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>A path present on one side only.</summary>
    Presence = 1 << 0,

    /// <summary>File type (mode type bits).</summary>
    Type = 1 << 1,

    /// <summary>Permission bits, setuid/setgid/sticky included (mode &amp; 07777).</summary>
    Mode = 1 << 2,

    /// <summary>Owner uid.</summary>
    Uid = 1 << 3,

    /// <summary>Owner gid.</summary>
    Gid = 1 << 4,

    /// <summary>Link count.</summary>
    Nlink = 1 << 5,

    /// <summary>Modification time, to the nanosecond.</summary>
    Mtime = 1 << 6,

    /// <summary>Size of regular files.</summary>
    Size = 1 << 7,

    /// <summary>SHA-256 of regular file content.</summary>
    Content = 1 << 8,

    /// <summary>Symlink target.</summary>
    Target = 1 << 9,

    /// <summary>Device number of character and block devices.</summary>
    Rdev = 1 << 10,

    /// <summary>Extended attribute names and values.</summary>
    Xattrs = 1 << 11,

    /// <summary>Which paths are hard links of one another (needs inode numbers on both sides).</summary>
    HardLinks = 1 << 12,

    /// <summary>Everything.</summary>
    All = (1 << 13) - 1,
}
