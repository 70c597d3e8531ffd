namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>The file type encoded in the <c>S_IFMT</c> bits of a Unix mode.</summary>
public enum FileType
{
    /// <summary>Type bits that match none of the known types.</summary>
    Unknown,

    /// <summary>Named pipe (<c>S_IFIFO</c>).</summary>
    Fifo,

    /// <summary>Character device (<c>S_IFCHR</c>).</summary>
    CharDevice,

    /// <summary>Directory (<c>S_IFDIR</c>).</summary>
    Directory,

    /// <summary>Block device (<c>S_IFBLK</c>).</summary>
    BlockDevice,

    /// <summary>Regular file (<c>S_IFREG</c>).</summary>
    Regular,

    /// <summary>Symbolic link (<c>S_IFLNK</c>).</summary>
    Symlink,

    /// <summary>Socket (<c>S_IFSOCK</c>).</summary>
    Socket,
}

/// <summary>Conversions between Unix mode bits and <see cref="FileType"/>.</summary>
public static class FileTypes
{
    /// <summary>Mask of the type bits (<c>S_IFMT</c>).</summary>
    public const uint TypeMask = 0xF000; // 0o170000

    /// <summary>Mask of the permission bits including setuid, setgid and sticky (07777).</summary>
    public const uint PermissionMask = 0xFFF; // 0o7777

    /// <summary>The file type of a full mode value.</summary>
    public static FileType FromMode(uint mode) => (mode & TypeMask) switch
    {
        0x1000 => FileType.Fifo,
        0x2000 => FileType.CharDevice,
        0x4000 => FileType.Directory,
        0x6000 => FileType.BlockDevice,
        0x8000 => FileType.Regular,
        0xA000 => FileType.Symlink,
        0xC000 => FileType.Socket,
        _ => FileType.Unknown,
    };

    /// <summary>Formats a mode the way the manifest does, e.g. <c>0o100644</c>.</summary>
    public static string FormatMode(uint mode) => "0o" + Convert.ToString(mode, 8);
}
