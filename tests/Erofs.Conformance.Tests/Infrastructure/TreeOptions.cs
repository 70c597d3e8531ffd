namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>What <see cref="TreeGenerator"/> puts into a tree. Defaults: everything.</summary>
public sealed record TreeOptions
{
    /// <summary>Every feature, 3000-entry directory, 40-level path.</summary>
    public static TreeOptions Full { get; } = new();

    /// <summary>
    /// What Debian 12's mkfs.erofs 1.5 turns into an image that mounts back identical to the source:
    /// everything except 255-byte file names, on which it fails ("Could not format the device: [Error 2]
    /// No such file or directory"); 254 bytes work. UTF-8 names, uids/gids above 65535, nanosecond
    /// mtimes (also 0 and one past 2^32 s), devices, xattrs and ACLs all come back unchanged (checked
    /// by DebianMkfsTests). Do not pass <c>-T</c>: it replaces every mtime.
    /// </summary>
    public static TreeOptions ForErofsUtils15 { get; } = new()
    {
        LongNameLength = 254,
    };

    /// <summary>Seed of the pseudo-random content, names and times: equal seeds give equal trees.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Include UTF-8 (non-ASCII) file names.</summary>
    public bool Utf8Names { get; init; } = true;

    /// <summary>
    /// Length in bytes of the long file names (in /names, at the bottom of the deep path, and the UTF-8
    /// one); 255 is the EROFS and Linux maximum.
    /// </summary>
    public int LongNameLength { get; init; } = 255;

    /// <summary>Include uids and gids above 65535 (they need extended inodes).</summary>
    public bool LargeIds { get; init; } = true;

    /// <summary>Give mtimes a non-zero nanosecond part (otherwise whole seconds).</summary>
    public bool NanosecondMtimes { get; init; } = true;

    /// <summary>Include an mtime past 2^32 seconds (year 2112) and one at the epoch (0).</summary>
    public bool ExtremeMtimes { get; init; } = true;

    /// <summary>Include a FIFO, a character device 1:3 and a block device 7:0.</summary>
    public bool SpecialFiles { get; init; } = true;

    /// <summary>Include user.*, trusted.* and security.* xattrs (needs setfattr).</summary>
    public bool Xattrs { get; init; } = true;

    /// <summary>Include a POSIX access ACL (system.posix_acl_access) and a default ACL on a directory.</summary>
    public bool PosixAcl { get; init; } = true;

    /// <summary>Number of entries in the big directory.</summary>
    public int ManyEntries { get; init; } = 3000;

    /// <summary>Depth of the nested path.</summary>
    public int DeepLevels { get; init; } = 40;

    /// <summary>Length in bytes of the long symlink target.</summary>
    public int LongSymlinkLength { get; init; } = 3000;

    /// <summary>Include the ~1 MiB random and compressible files.</summary>
    public bool LargeFiles { get; init; } = true;
}
