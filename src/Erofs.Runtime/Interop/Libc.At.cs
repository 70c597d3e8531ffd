using System.Runtime.InteropServices;

namespace Erofs.Runtime.Interop;

// The *at calls the store makes relative to directory descriptors it holds, so no name is resolved twice.
internal static unsafe partial class Libc
{
    /// <summary>O_NOFOLLOW (0x20000 on x86_64, 0x8000 on arm64): a symlink as the last component fails with ELOOP.</summary>
    internal static int ONoFollow => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>O_TMPFILE (__O_TMPFILE | O_DIRECTORY): an unnamed file in the directory, linkable later.</summary>
    internal static int OTmpFile => 0x400000 | ODirectory;

    /// <summary>O_NONBLOCK (the same on x86_64 and arm64): opening a FIFO does not wait for a writer.</summary>
    internal const int ONonBlock = 0x800;

    /// <summary>AT_SYMLINK_NOFOLLOW.</summary>
    internal const int AtSymlinkNoFollow = 0x100;

    /// <summary>AT_SYMLINK_FOLLOW (linkat through a /proc/self/fd magic link).</summary>
    internal const int AtSymlinkFollow = 0x400;

    /// <summary>AT_REMOVEDIR.</summary>
    internal const int AtRemoveDir = 0x200;

    /// <summary>RENAME_NOREPLACE.</summary>
    internal const uint RenameNoReplace = 1;

    /// <summary>S_IFMT and the types the store tells apart.</summary>
    internal const ushort TypeMask = 0xF000, TypeRegular = 0x8000, TypeDirectory = 0x4000, TypeSymlink = 0xA000;

    /// <summary>EPERM, EIO, ENFILE, EMFILE, ENOSPC, ELOOP, ENOTDIR, EISDIR, EOPNOTSUPP, EDQUOT.</summary>
    internal const int EPerm = 1, EIo = 5, ENFile = 23, EMFile = 24, ENoSpc = 28, ELoop = 40, ENotDir = 20, EIsDir = 21, EOpNotSupp = 95, EDQuot = 122;

    /// <summary><c>int openat(int dirfd, const char *path, int flags, mode_t mode)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Openat(int dirfd, string path, int flags, uint mode);

    /// <summary><c>int mkdirat(int dirfd, const char *path, mode_t mode)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mkdirat(int dirfd, string path, uint mode);

    /// <summary><c>int unlinkat(int dirfd, const char *path, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlinkat(int dirfd, string path, int flags);

    /// <summary><c>int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    /// <summary><c>int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Linkat(int oldDirFd, string oldPath, int newDirFd, string newPath, int flags);

    /// <summary><c>int fchmod(int fd, mode_t mode)</c>: exact, whatever the umask.</summary>
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(int fd, uint mode);

    /// <summary><c>int syncfs(int fd)</c>: one flush for every file written on that file system.</summary>
    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static partial int Syncfs(int fd);

    /// <summary><c>char *realpath(const char *path, char *resolved)</c> with a null buffer: malloc'd, free it.</summary>
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint Realpath(string path, nint resolved);

    /// <summary><c>void free(void *)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "free")]
    internal static partial void Free(nint pointer);
}
