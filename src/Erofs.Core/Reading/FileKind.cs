namespace Erofs.Reading;

/// <summary>The type of a file, from the S_IFMT bits of its mode.</summary>
public enum FileKind
{
    /// <summary>Mode has an S_IFMT value EROFS does not define.</summary>
    Unknown = 0,
    /// <summary>S_IFREG.</summary>
    Regular,
    /// <summary>S_IFDIR.</summary>
    Directory,
    /// <summary>S_IFCHR.</summary>
    CharacterDevice,
    /// <summary>S_IFBLK.</summary>
    BlockDevice,
    /// <summary>S_IFIFO.</summary>
    Fifo,
    /// <summary>S_IFSOCK.</summary>
    Socket,
    /// <summary>S_IFLNK.</summary>
    Symlink,
}
