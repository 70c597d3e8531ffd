namespace Erofs.Building.Tar;

/// <summary>A numeric field of a tar header block.</summary>
/// <param name="Name">The field's name in messages.</param>
/// <param name="Offset">Offset in the 512-byte block.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="AllowBase256">Whether the GNU base-256 form may be used.</param>
internal readonly record struct TarField(string Name, int Offset, int Length, bool AllowBase256)
{
    /// <summary>Permission bits.</summary>
    public static readonly TarField Mode = new("mode", 100, 8, false);
    /// <summary>Owner.</summary>
    public static readonly TarField Uid = new("uid", 108, 8, true);
    /// <summary>Group.</summary>
    public static readonly TarField Gid = new("gid", 116, 8, true);
    /// <summary>Bytes of data after the header.</summary>
    public static readonly TarField Size = new("size", 124, 12, true);
    /// <summary>Modification time in seconds.</summary>
    public static readonly TarField Mtime = new("mtime", 136, 12, true);
    /// <summary>Header checksum.</summary>
    public static readonly TarField Checksum = new("checksum", 148, 8, false);
    /// <summary>Device major number.</summary>
    public static readonly TarField DevMajor = new("devmajor", 329, 8, true);
    /// <summary>Device minor number.</summary>
    public static readonly TarField DevMinor = new("devminor", 337, 8, true);
    /// <summary>Old GNU sparse: the file's real size.</summary>
    public static readonly TarField GnuRealSize = new("realsize", 483, 12, true);
}
