namespace Erofs.Reading;

/// <summary>S_IFMT decoding and the dirent file-type codes.</summary>
public static class FileModes
{
    /// <summary>Mask of the file type bits.</summary>
    public const int TypeMask = 0xF000;

    /// <summary>Returns the kind encoded in a mode's S_IFMT bits.</summary>
    public static FileKind KindOf(int mode) => (mode & TypeMask) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0xA000 => FileKind.Symlink,
        _ => FileKind.Unknown,
    };

    /// <summary>Maps a dirent file_type code (EROFS_FT_*) to a kind; 0 and unknown codes map to Unknown.</summary>
    public static FileKind KindOfDirentType(byte fileType) => fileType switch
    {
        1 => FileKind.Regular,
        2 => FileKind.Directory,
        3 => FileKind.CharacterDevice,
        4 => FileKind.BlockDevice,
        5 => FileKind.Fifo,
        6 => FileKind.Socket,
        7 => FileKind.Symlink,
        _ => FileKind.Unknown,
    };

    /// <summary>One character per kind, as <c>ls -l</c> prints it.</summary>
    public static char LsChar(FileKind kind) => kind switch
    {
        FileKind.Directory => 'd',
        FileKind.CharacterDevice => 'c',
        FileKind.BlockDevice => 'b',
        FileKind.Fifo => 'p',
        FileKind.Socket => 's',
        FileKind.Symlink => 'l',
        FileKind.Regular => '-',
        _ => '?',
    };
}
